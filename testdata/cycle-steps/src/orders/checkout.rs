use crate::billing::invoice::{invoice, Invoice};
use crate::orders::cart::Cart;
use crate::orders::refund::Refund;
use crate::util;

pub const LAST_ORDER: u64 = 7;

pub fn checkout(cart: &Cart) -> u64 {
    util::log("checkout");
    let refund: Refund = Refund::of(cart.total());
    let i: Invoice = invoice(cart.total(), refund.amount());
    let again: Invoice = invoice(i.total, 0);
    let once_more: Invoice = invoice(again.total, 0);
    once_more.total + Cart::new().total()
}
