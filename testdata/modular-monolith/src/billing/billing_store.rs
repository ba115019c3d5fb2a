//! billing_store: generated fixture code.

pub fn save(r: &BillingStore, path: &str) -> std::io::Result<()> {
    std::fs::write(path, r.total.to_string())
}

pub struct BillingStore {
    pub id: u64,
    pub total: u64,
}

impl BillingStore {
    pub fn new(id: u64) -> Self {
        BillingStore { id, total: 0 }
    }

    pub fn add(&mut self, x: u64) -> u64 {
        self.total = self.total.wrapping_add(x);
        self.total
    }
}

pub fn billing_store_0(x: u64) -> u64 {
    let y = x.wrapping_mul(3);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 0))
}

pub fn billing_store_1(x: u64) -> u64 {
    let y = x.wrapping_mul(5);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 1))
}

pub fn billing_store_2(x: u64) -> u64 {
    let y = x.wrapping_mul(7);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 2))
}

pub fn billing_store_3(x: u64) -> u64 {
    let y = x.wrapping_mul(9);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 3))
}

pub fn billing_store_4(x: u64) -> u64 {
    let y = x.wrapping_mul(11);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 4))
}

pub fn billing_store_5(x: u64) -> u64 {
    let y = x.wrapping_mul(13);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 5))
}

pub fn billing_store_6(x: u64) -> u64 {
    let y = x.wrapping_mul(15);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 6))
}

pub fn billing_store_7(x: u64) -> u64 {
    let y = x.wrapping_mul(17);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 7))
}

pub fn billing_store_8(x: u64) -> u64 {
    let y = x.wrapping_mul(19);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 8))
}

pub fn billing_store_9(x: u64) -> u64 {
    let y = x.wrapping_mul(21);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 9))
}

pub fn billing_store_10(x: u64) -> u64 {
    let y = x.wrapping_mul(23);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 10))
}

pub fn billing_store_11(x: u64) -> u64 {
    let y = x.wrapping_mul(25);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 11))
}

pub fn billing_store_12(x: u64) -> u64 {
    let y = x.wrapping_mul(27);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 12))
}

pub fn billing_store_13(x: u64) -> u64 {
    let y = x.wrapping_mul(29);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 13))
}

pub fn billing_store_14(x: u64) -> u64 {
    let y = x.wrapping_mul(31);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 14))
}

pub fn billing_store_15(x: u64) -> u64 {
    let y = x.wrapping_mul(33);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 15))
}

pub fn billing_store_16(x: u64) -> u64 {
    let y = x.wrapping_mul(35);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 16))
}

pub fn billing_store_17(x: u64) -> u64 {
    let y = x.wrapping_mul(37);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 17))
}

pub fn billing_store_18(x: u64) -> u64 {
    let y = x.wrapping_mul(39);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 18))
}

pub fn billing_store_19(x: u64) -> u64 {
    let y = x.wrapping_mul(41);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 19))
}

pub fn billing_store_20(x: u64) -> u64 {
    let y = x.wrapping_mul(43);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 20))
}

pub fn billing_store_21(x: u64) -> u64 {
    let y = x.wrapping_mul(45);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 21))
}

pub fn billing_store_22(x: u64) -> u64 {
    let y = x.wrapping_mul(47);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 22))
}

pub fn billing_store_23(x: u64) -> u64 {
    let y = x.wrapping_mul(49);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 23))
}

pub fn billing_store_24(x: u64) -> u64 {
    let y = x.wrapping_mul(51);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 24))
}

pub fn billing_store_25(x: u64) -> u64 {
    let y = x.wrapping_mul(53);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 25))
}

pub fn billing_store_26(x: u64) -> u64 {
    let y = x.wrapping_mul(55);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 26))
}

pub fn billing_store_27(x: u64) -> u64 {
    let y = x.wrapping_mul(57);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 27))
}

pub fn billing_store_28(x: u64) -> u64 {
    let y = x.wrapping_mul(59);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 28))
}

pub fn billing_store_29(x: u64) -> u64 {
    let y = x.wrapping_mul(61);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 29))
}

pub fn billing_store_30(x: u64) -> u64 {
    let y = x.wrapping_mul(63);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 30))
}

pub fn billing_store_31(x: u64) -> u64 {
    let y = x.wrapping_mul(65);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 31))
}

pub fn billing_store_32(x: u64) -> u64 {
    let y = x.wrapping_mul(67);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 32))
}

pub fn billing_store_33(x: u64) -> u64 {
    let y = x.wrapping_mul(69);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 33))
}

pub fn billing_store_34(x: u64) -> u64 {
    let y = x.wrapping_mul(71);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 34))
}

pub fn billing_store_35(x: u64) -> u64 {
    let y = x.wrapping_mul(73);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 35))
}

pub fn billing_store_36(x: u64) -> u64 {
    let y = x.wrapping_mul(75);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 36))
}

pub fn billing_store_37(x: u64) -> u64 {
    let y = x.wrapping_mul(77);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 37))
}

pub fn billing_store_38(x: u64) -> u64 {
    let y = x.wrapping_mul(79);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 38))
}

pub fn billing_store_39(x: u64) -> u64 {
    let y = x.wrapping_mul(81);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 39))
}

pub fn billing_store_40(x: u64) -> u64 {
    let y = x.wrapping_mul(83);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 40))
}

pub fn billing_store_41(x: u64) -> u64 {
    let y = x.wrapping_mul(85);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 41))
}

pub fn billing_store_42(x: u64) -> u64 {
    let y = x.wrapping_mul(87);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 42))
}

pub fn billing_store_43(x: u64) -> u64 {
    let y = x.wrapping_mul(89);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 43))
}

pub fn billing_store_44(x: u64) -> u64 {
    let y = x.wrapping_mul(91);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 44))
}

pub fn billing_store_45(x: u64) -> u64 {
    let y = x.wrapping_mul(93);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 45))
}

pub fn billing_store_46(x: u64) -> u64 {
    let y = x.wrapping_mul(95);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 46))
}

pub fn billing_store_47(x: u64) -> u64 {
    let y = x.wrapping_mul(97);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 47))
}

pub fn billing_store_48(x: u64) -> u64 {
    let y = x.wrapping_mul(99);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 48))
}

pub fn billing_store_49(x: u64) -> u64 {
    let y = x.wrapping_mul(101);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 49))
}

pub fn billing_store_50(x: u64) -> u64 {
    let y = x.wrapping_mul(103);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 50))
}

pub fn billing_store_51(x: u64) -> u64 {
    let y = x.wrapping_mul(105);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::billing_rules::billing_rules_1(x ^ 51))
}

pub fn billing_store_52(x: u64) -> u64 {
    let y = x.wrapping_mul(107);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::billing_model::billing_model_0(x ^ 52))
}

pub fn billing_store_53(x: u64) -> u64 {
    let y = x.wrapping_mul(109);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::billing_rules::billing_rules_0(x ^ 53))
}

pub fn billing_store_54(x: u64) -> u64 {
    let y = x.wrapping_mul(111);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::billing_model::billing_model_1(x ^ 54))
}

