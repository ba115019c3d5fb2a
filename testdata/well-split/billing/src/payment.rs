use crate::invoice::Invoice;
use crate::tax;

pub enum Method {
    Card,
    Transfer,
}

pub struct Payment {
    pub invoice: u64,
    pub cents: u64,
    pub method: Method,
}

pub fn pay(inv: &mut Invoice, method: Method) -> Payment {
    inv.paid = true;
    Payment {
        invoice: inv.number,
        cents: inv.gross(),
        method,
    }
}

pub fn refund(p: &Payment) -> u64 {
    p.cents - tax::due(p.cents) / 2
}

pub fn outstanding(all: &[Invoice]) -> u64 {
    all.iter().filter(|i| !i.paid).map(Invoice::gross).sum()
}
