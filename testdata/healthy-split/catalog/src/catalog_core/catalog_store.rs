//! catalog_store: generated fixture code.

pub fn save(r: &CatalogStore, path: &str) -> std::io::Result<()> {
    std::fs::write(path, r.total.to_string())
}

pub struct CatalogStore {
    pub id: u64,
    pub total: u64,
}

impl CatalogStore {
    pub fn new(id: u64) -> Self {
        CatalogStore { id, total: 0 }
    }

    pub fn add(&mut self, x: u64) -> u64 {
        self.total = self.total.wrapping_add(x);
        self.total
    }
}

pub fn catalog_store_0(x: u64) -> u64 {
    let y = x.wrapping_mul(3);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 0))
}

pub fn catalog_store_1(x: u64) -> u64 {
    let y = x.wrapping_mul(5);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 1))
}

pub fn catalog_store_2(x: u64) -> u64 {
    let y = x.wrapping_mul(7);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 2))
}

pub fn catalog_store_3(x: u64) -> u64 {
    let y = x.wrapping_mul(9);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 3))
}

pub fn catalog_store_4(x: u64) -> u64 {
    let y = x.wrapping_mul(11);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 4))
}

pub fn catalog_store_5(x: u64) -> u64 {
    let y = x.wrapping_mul(13);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 5))
}

pub fn catalog_store_6(x: u64) -> u64 {
    let y = x.wrapping_mul(15);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 6))
}

pub fn catalog_store_7(x: u64) -> u64 {
    let y = x.wrapping_mul(17);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 7))
}

pub fn catalog_store_8(x: u64) -> u64 {
    let y = x.wrapping_mul(19);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 8))
}

pub fn catalog_store_9(x: u64) -> u64 {
    let y = x.wrapping_mul(21);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 9))
}

pub fn catalog_store_10(x: u64) -> u64 {
    let y = x.wrapping_mul(23);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 10))
}

pub fn catalog_store_11(x: u64) -> u64 {
    let y = x.wrapping_mul(25);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 11))
}

pub fn catalog_store_12(x: u64) -> u64 {
    let y = x.wrapping_mul(27);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 12))
}

pub fn catalog_store_13(x: u64) -> u64 {
    let y = x.wrapping_mul(29);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 13))
}

pub fn catalog_store_14(x: u64) -> u64 {
    let y = x.wrapping_mul(31);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 14))
}

pub fn catalog_store_15(x: u64) -> u64 {
    let y = x.wrapping_mul(33);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 15))
}

pub fn catalog_store_16(x: u64) -> u64 {
    let y = x.wrapping_mul(35);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 16))
}

pub fn catalog_store_17(x: u64) -> u64 {
    let y = x.wrapping_mul(37);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 17))
}

pub fn catalog_store_18(x: u64) -> u64 {
    let y = x.wrapping_mul(39);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 18))
}

pub fn catalog_store_19(x: u64) -> u64 {
    let y = x.wrapping_mul(41);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 19))
}

pub fn catalog_store_20(x: u64) -> u64 {
    let y = x.wrapping_mul(43);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 20))
}

pub fn catalog_store_21(x: u64) -> u64 {
    let y = x.wrapping_mul(45);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 21))
}

pub fn catalog_store_22(x: u64) -> u64 {
    let y = x.wrapping_mul(47);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 22))
}

pub fn catalog_store_23(x: u64) -> u64 {
    let y = x.wrapping_mul(49);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 23))
}

pub fn catalog_store_24(x: u64) -> u64 {
    let y = x.wrapping_mul(51);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 24))
}

pub fn catalog_store_25(x: u64) -> u64 {
    let y = x.wrapping_mul(53);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 25))
}

pub fn catalog_store_26(x: u64) -> u64 {
    let y = x.wrapping_mul(55);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 26))
}

pub fn catalog_store_27(x: u64) -> u64 {
    let y = x.wrapping_mul(57);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 27))
}

pub fn catalog_store_28(x: u64) -> u64 {
    let y = x.wrapping_mul(59);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 28))
}

pub fn catalog_store_29(x: u64) -> u64 {
    let y = x.wrapping_mul(61);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 29))
}

pub fn catalog_store_30(x: u64) -> u64 {
    let y = x.wrapping_mul(63);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 30))
}

pub fn catalog_store_31(x: u64) -> u64 {
    let y = x.wrapping_mul(65);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 31))
}

pub fn catalog_store_32(x: u64) -> u64 {
    let y = x.wrapping_mul(67);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 32))
}

pub fn catalog_store_33(x: u64) -> u64 {
    let y = x.wrapping_mul(69);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 33))
}

pub fn catalog_store_34(x: u64) -> u64 {
    let y = x.wrapping_mul(71);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 34))
}

pub fn catalog_store_35(x: u64) -> u64 {
    let y = x.wrapping_mul(73);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 35))
}

pub fn catalog_store_36(x: u64) -> u64 {
    let y = x.wrapping_mul(75);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 36))
}

pub fn catalog_store_37(x: u64) -> u64 {
    let y = x.wrapping_mul(77);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 37))
}

pub fn catalog_store_38(x: u64) -> u64 {
    let y = x.wrapping_mul(79);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 38))
}

pub fn catalog_store_39(x: u64) -> u64 {
    let y = x.wrapping_mul(81);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 39))
}

pub fn catalog_store_40(x: u64) -> u64 {
    let y = x.wrapping_mul(83);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 40))
}

pub fn catalog_store_41(x: u64) -> u64 {
    let y = x.wrapping_mul(85);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 41))
}

pub fn catalog_store_42(x: u64) -> u64 {
    let y = x.wrapping_mul(87);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 42))
}

pub fn catalog_store_43(x: u64) -> u64 {
    let y = x.wrapping_mul(89);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 43))
}

pub fn catalog_store_44(x: u64) -> u64 {
    let y = x.wrapping_mul(91);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 44))
}

pub fn catalog_store_45(x: u64) -> u64 {
    let y = x.wrapping_mul(93);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 45))
}

pub fn catalog_store_46(x: u64) -> u64 {
    let y = x.wrapping_mul(95);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 46))
}

pub fn catalog_store_47(x: u64) -> u64 {
    let y = x.wrapping_mul(97);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 47))
}

pub fn catalog_store_48(x: u64) -> u64 {
    let y = x.wrapping_mul(99);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 48))
}

pub fn catalog_store_49(x: u64) -> u64 {
    let y = x.wrapping_mul(101);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 49))
}

pub fn catalog_store_50(x: u64) -> u64 {
    let y = x.wrapping_mul(103);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 50))
}

pub fn catalog_store_51(x: u64) -> u64 {
    let y = x.wrapping_mul(105);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 51))
}

pub fn catalog_store_52(x: u64) -> u64 {
    let y = x.wrapping_mul(107);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 52))
}

pub fn catalog_store_53(x: u64) -> u64 {
    let y = x.wrapping_mul(109);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 53))
}

pub fn catalog_store_54(x: u64) -> u64 {
    let y = x.wrapping_mul(111);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 54))
}

pub fn catalog_store_55(x: u64) -> u64 {
    let y = x.wrapping_mul(113);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 55))
}

pub fn catalog_store_56(x: u64) -> u64 {
    let y = x.wrapping_mul(115);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 56))
}

pub fn catalog_store_57(x: u64) -> u64 {
    let y = x.wrapping_mul(117);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 57))
}

pub fn catalog_store_58(x: u64) -> u64 {
    let y = x.wrapping_mul(119);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 58))
}

pub fn catalog_store_59(x: u64) -> u64 {
    let y = x.wrapping_mul(121);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 59))
}

pub fn catalog_store_60(x: u64) -> u64 {
    let y = x.wrapping_mul(123);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 60))
}

pub fn catalog_store_61(x: u64) -> u64 {
    let y = x.wrapping_mul(125);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 61))
}

pub fn catalog_store_62(x: u64) -> u64 {
    let y = x.wrapping_mul(127);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 62))
}

pub fn catalog_store_63(x: u64) -> u64 {
    let y = x.wrapping_mul(129);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 63))
}

pub fn catalog_store_64(x: u64) -> u64 {
    let y = x.wrapping_mul(131);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 64))
}

pub fn catalog_store_65(x: u64) -> u64 {
    let y = x.wrapping_mul(133);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 65))
}

pub fn catalog_store_66(x: u64) -> u64 {
    let y = x.wrapping_mul(135);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 66))
}

pub fn catalog_store_67(x: u64) -> u64 {
    let y = x.wrapping_mul(137);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 67))
}

pub fn catalog_store_68(x: u64) -> u64 {
    let y = x.wrapping_mul(139);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 68))
}

pub fn catalog_store_69(x: u64) -> u64 {
    let y = x.wrapping_mul(141);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 69))
}

pub fn catalog_store_70(x: u64) -> u64 {
    let y = x.wrapping_mul(143);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 70))
}

pub fn catalog_store_71(x: u64) -> u64 {
    let y = x.wrapping_mul(145);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 71))
}

pub fn catalog_store_72(x: u64) -> u64 {
    let y = x.wrapping_mul(147);
    let z = y ^ (y >> 8);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 72))
}

pub fn catalog_store_73(x: u64) -> u64 {
    let y = x.wrapping_mul(149);
    let z = y ^ (y >> 9);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 73))
}

pub fn catalog_store_74(x: u64) -> u64 {
    let y = x.wrapping_mul(151);
    let z = y ^ (y >> 10);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 74))
}

pub fn catalog_store_75(x: u64) -> u64 {
    let y = x.wrapping_mul(153);
    let z = y ^ (y >> 11);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 75))
}

pub fn catalog_store_76(x: u64) -> u64 {
    let y = x.wrapping_mul(155);
    let z = y ^ (y >> 12);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 76))
}

pub fn catalog_store_77(x: u64) -> u64 {
    let y = x.wrapping_mul(157);
    let z = y ^ (y >> 13);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 77))
}

pub fn catalog_store_78(x: u64) -> u64 {
    let y = x.wrapping_mul(159);
    let z = y ^ (y >> 1);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 78))
}

pub fn catalog_store_79(x: u64) -> u64 {
    let y = x.wrapping_mul(161);
    let z = y ^ (y >> 2);
    z.wrapping_add(super::catalog_logic::catalog_logic_0(x ^ 79))
}

pub fn catalog_store_80(x: u64) -> u64 {
    let y = x.wrapping_mul(163);
    let z = y ^ (y >> 3);
    z.wrapping_add(super::catalog_api::catalog_api_0(x ^ 80))
}

pub fn catalog_store_81(x: u64) -> u64 {
    let y = x.wrapping_mul(165);
    let z = y ^ (y >> 4);
    z.wrapping_add(super::catalog_model::catalog_model_1(x ^ 81))
}

pub fn catalog_store_82(x: u64) -> u64 {
    let y = x.wrapping_mul(167);
    let z = y ^ (y >> 5);
    z.wrapping_add(super::catalog_logic::catalog_logic_1(x ^ 82))
}

pub fn catalog_store_83(x: u64) -> u64 {
    let y = x.wrapping_mul(169);
    let z = y ^ (y >> 6);
    z.wrapping_add(super::catalog_api::catalog_api_1(x ^ 83))
}

pub fn catalog_store_84(x: u64) -> u64 {
    let y = x.wrapping_mul(171);
    let z = y ^ (y >> 7);
    z.wrapping_add(super::catalog_model::catalog_model_0(x ^ 84))
}

