//! part5: generated fixture code.

pub struct Part5 {
    pub id: u64,
    pub total: u64,
}

impl Part5 {
    pub fn new(id: u64) -> Self {
        Part5 { id, total: 0 }
    }

    pub fn add(&mut self, x: u64) -> u64 {
        self.total = self.total.wrapping_add(x);
        self.total
    }
}

pub fn part5_0(x: u64) -> u64 {
    let y = x.wrapping_mul(3);
    let z = y ^ (y >> 1);
    z.wrapping_add(crate::part0::part0_0(x ^ 0))
}

pub fn part5_1(x: u64) -> u64 {
    let y = x.wrapping_mul(5);
    let z = y ^ (y >> 2);
    z.wrapping_add(crate::part1::part1_0(x ^ 1))
}

pub fn part5_2(x: u64) -> u64 {
    let y = x.wrapping_mul(7);
    let z = y ^ (y >> 3);
    z.wrapping_add(crate::part2::part2_0(x ^ 2))
}

pub fn part5_3(x: u64) -> u64 {
    let y = x.wrapping_mul(9);
    let z = y ^ (y >> 4);
    z.wrapping_add(crate::part3::part3_0(x ^ 3))
}

pub fn part5_4(x: u64) -> u64 {
    let y = x.wrapping_mul(11);
    let z = y ^ (y >> 5);
    z.wrapping_add(crate::part4::part4_0(x ^ 4))
}

pub fn part5_5(x: u64) -> u64 {
    let y = x.wrapping_mul(13);
    let z = y ^ (y >> 6);
    z.wrapping_add(crate::part6::part6_0(x ^ 5))
}

pub fn part5_6(x: u64) -> u64 {
    let y = x.wrapping_mul(15);
    let z = y ^ (y >> 7);
    z.wrapping_add(crate::part7::part7_0(x ^ 6))
}

pub fn part5_7(x: u64) -> u64 {
    let y = x.wrapping_mul(17);
    let z = y ^ (y >> 8);
    z.wrapping_add(crate::part8::part8_0(x ^ 7))
}

pub fn part5_8(x: u64) -> u64 {
    let y = x.wrapping_mul(19);
    let z = y ^ (y >> 9);
    z.wrapping_add(crate::part9::part9_0(x ^ 8))
}

pub fn part5_9(x: u64) -> u64 {
    let y = x.wrapping_mul(21);
    let z = y ^ (y >> 10);
    z.wrapping_add(crate::part10::part10_0(x ^ 9))
}

pub fn part5_10(x: u64) -> u64 {
    let y = x.wrapping_mul(23);
    let z = y ^ (y >> 11);
    z.wrapping_add(crate::part11::part11_0(x ^ 10))
}

pub fn part5_11(x: u64) -> u64 {
    let y = x.wrapping_mul(25);
    let z = y ^ (y >> 12);
    z.wrapping_add(crate::part0::part0_1(x ^ 11))
}

pub fn part5_12(x: u64) -> u64 {
    let y = x.wrapping_mul(27);
    let z = y ^ (y >> 13);
    z.wrapping_add(crate::part1::part1_1(x ^ 12))
}

pub fn part5_13(x: u64) -> u64 {
    let y = x.wrapping_mul(29);
    let z = y ^ (y >> 1);
    z.wrapping_add(crate::part2::part2_1(x ^ 13))
}

pub fn part5_14(x: u64) -> u64 {
    let y = x.wrapping_mul(31);
    let z = y ^ (y >> 2);
    z.wrapping_add(crate::part3::part3_1(x ^ 14))
}

pub fn part5_15(x: u64) -> u64 {
    let y = x.wrapping_mul(33);
    let z = y ^ (y >> 3);
    z.wrapping_add(crate::part4::part4_1(x ^ 15))
}

pub fn part5_16(x: u64) -> u64 {
    let y = x.wrapping_mul(35);
    let z = y ^ (y >> 4);
    z.wrapping_add(crate::part6::part6_1(x ^ 16))
}

pub fn part5_17(x: u64) -> u64 {
    let y = x.wrapping_mul(37);
    let z = y ^ (y >> 5);
    z.wrapping_add(crate::part7::part7_1(x ^ 17))
}

pub fn part5_18(x: u64) -> u64 {
    let y = x.wrapping_mul(39);
    let z = y ^ (y >> 6);
    z.wrapping_add(crate::part8::part8_1(x ^ 18))
}

pub fn part5_19(x: u64) -> u64 {
    let y = x.wrapping_mul(41);
    let z = y ^ (y >> 7);
    z.wrapping_add(crate::part9::part9_1(x ^ 19))
}

pub fn part5_20(x: u64) -> u64 {
    let y = x.wrapping_mul(43);
    let z = y ^ (y >> 8);
    z.wrapping_add(crate::part10::part10_1(x ^ 20))
}

pub fn part5_21(x: u64) -> u64 {
    let y = x.wrapping_mul(45);
    let z = y ^ (y >> 9);
    z.wrapping_add(crate::part11::part11_1(x ^ 21))
}

pub fn part5_22(x: u64) -> u64 {
    let y = x.wrapping_mul(47);
    let z = y ^ (y >> 10);
    z.wrapping_add(crate::part0::part0_2(x ^ 22))
}

pub fn part5_23(x: u64) -> u64 {
    let y = x.wrapping_mul(49);
    let z = y ^ (y >> 11);
    z.wrapping_add(crate::part1::part1_2(x ^ 23))
}

pub fn part5_24(x: u64) -> u64 {
    let y = x.wrapping_mul(51);
    let z = y ^ (y >> 12);
    z.wrapping_add(crate::part2::part2_2(x ^ 24))
}

pub fn part5_25(x: u64) -> u64 {
    let y = x.wrapping_mul(53);
    let z = y ^ (y >> 13);
    z.wrapping_add(crate::part3::part3_2(x ^ 25))
}

pub fn part5_26(x: u64) -> u64 {
    let y = x.wrapping_mul(55);
    let z = y ^ (y >> 1);
    z.wrapping_add(crate::part4::part4_2(x ^ 26))
}

pub fn part5_27(x: u64) -> u64 {
    let y = x.wrapping_mul(57);
    let z = y ^ (y >> 2);
    z.wrapping_add(crate::part6::part6_2(x ^ 27))
}

pub fn part5_28(x: u64) -> u64 {
    let y = x.wrapping_mul(59);
    let z = y ^ (y >> 3);
    z.wrapping_add(crate::part7::part7_2(x ^ 28))
}

pub fn part5_29(x: u64) -> u64 {
    let y = x.wrapping_mul(61);
    let z = y ^ (y >> 4);
    z.wrapping_add(crate::part8::part8_2(x ^ 29))
}

pub fn part5_30(x: u64) -> u64 {
    let y = x.wrapping_mul(63);
    let z = y ^ (y >> 5);
    z.wrapping_add(crate::part9::part9_2(x ^ 30))
}

pub fn part5_31(x: u64) -> u64 {
    let y = x.wrapping_mul(65);
    let z = y ^ (y >> 6);
    z.wrapping_add(crate::part10::part10_2(x ^ 31))
}

pub fn part5_32(x: u64) -> u64 {
    let y = x.wrapping_mul(67);
    let z = y ^ (y >> 7);
    z.wrapping_add(crate::part11::part11_2(x ^ 32))
}

pub fn part5_33(x: u64) -> u64 {
    let y = x.wrapping_mul(69);
    let z = y ^ (y >> 8);
    z.wrapping_add(crate::part0::part0_0(x ^ 33))
}

pub fn part5_34(x: u64) -> u64 {
    let y = x.wrapping_mul(71);
    let z = y ^ (y >> 9);
    z.wrapping_add(crate::part1::part1_0(x ^ 34))
}

pub fn part5_35(x: u64) -> u64 {
    let y = x.wrapping_mul(73);
    let z = y ^ (y >> 10);
    z.wrapping_add(crate::part2::part2_0(x ^ 35))
}

pub fn part5_36(x: u64) -> u64 {
    let y = x.wrapping_mul(75);
    let z = y ^ (y >> 11);
    z.wrapping_add(crate::part3::part3_0(x ^ 36))
}

pub fn part5_37(x: u64) -> u64 {
    let y = x.wrapping_mul(77);
    let z = y ^ (y >> 12);
    z.wrapping_add(crate::part4::part4_0(x ^ 37))
}

pub fn part5_38(x: u64) -> u64 {
    let y = x.wrapping_mul(79);
    let z = y ^ (y >> 13);
    z.wrapping_add(crate::part6::part6_0(x ^ 38))
}

pub fn part5_39(x: u64) -> u64 {
    let y = x.wrapping_mul(81);
    let z = y ^ (y >> 1);
    z.wrapping_add(crate::part7::part7_0(x ^ 39))
}

pub fn part5_40(x: u64) -> u64 {
    let y = x.wrapping_mul(83);
    let z = y ^ (y >> 2);
    z.wrapping_add(crate::part8::part8_0(x ^ 40))
}

pub fn part5_41(x: u64) -> u64 {
    let y = x.wrapping_mul(85);
    let z = y ^ (y >> 3);
    z.wrapping_add(crate::part9::part9_0(x ^ 41))
}

pub fn part5_42(x: u64) -> u64 {
    let y = x.wrapping_mul(87);
    let z = y ^ (y >> 4);
    z.wrapping_add(crate::part10::part10_0(x ^ 42))
}

pub fn part5_43(x: u64) -> u64 {
    let y = x.wrapping_mul(89);
    let z = y ^ (y >> 5);
    z.wrapping_add(crate::part11::part11_0(x ^ 43))
}

pub fn part5_44(x: u64) -> u64 {
    let y = x.wrapping_mul(91);
    let z = y ^ (y >> 6);
    z.wrapping_add(crate::part0::part0_1(x ^ 44))
}

pub fn part5_45(x: u64) -> u64 {
    let y = x.wrapping_mul(93);
    let z = y ^ (y >> 7);
    z.wrapping_add(crate::part1::part1_1(x ^ 45))
}

pub fn part5_46(x: u64) -> u64 {
    let y = x.wrapping_mul(95);
    let z = y ^ (y >> 8);
    z.wrapping_add(crate::part2::part2_1(x ^ 46))
}

pub fn part5_47(x: u64) -> u64 {
    let y = x.wrapping_mul(97);
    let z = y ^ (y >> 9);
    z.wrapping_add(crate::part3::part3_1(x ^ 47))
}

pub fn part5_48(x: u64) -> u64 {
    let y = x.wrapping_mul(99);
    let z = y ^ (y >> 10);
    z.wrapping_add(crate::part4::part4_1(x ^ 48))
}

pub fn part5_49(x: u64) -> u64 {
    let y = x.wrapping_mul(101);
    let z = y ^ (y >> 11);
    z.wrapping_add(crate::part6::part6_1(x ^ 49))
}

pub fn part5_50(x: u64) -> u64 {
    let y = x.wrapping_mul(103);
    let z = y ^ (y >> 12);
    z.wrapping_add(crate::part7::part7_1(x ^ 50))
}

pub fn part5_51(x: u64) -> u64 {
    let y = x.wrapping_mul(105);
    let z = y ^ (y >> 13);
    z.wrapping_add(crate::part8::part8_1(x ^ 51))
}

pub fn part5_52(x: u64) -> u64 {
    let y = x.wrapping_mul(107);
    let z = y ^ (y >> 1);
    z.wrapping_add(crate::part9::part9_1(x ^ 52))
}

pub fn part5_53(x: u64) -> u64 {
    let y = x.wrapping_mul(109);
    let z = y ^ (y >> 2);
    z.wrapping_add(crate::part10::part10_1(x ^ 53))
}

pub fn part5_54(x: u64) -> u64 {
    let y = x.wrapping_mul(111);
    let z = y ^ (y >> 3);
    z.wrapping_add(crate::part11::part11_1(x ^ 54))
}

pub fn part5_55(x: u64) -> u64 {
    let y = x.wrapping_mul(113);
    let z = y ^ (y >> 4);
    z.wrapping_add(crate::part0::part0_2(x ^ 55))
}

pub fn part5_56(x: u64) -> u64 {
    let y = x.wrapping_mul(115);
    let z = y ^ (y >> 5);
    z.wrapping_add(crate::part1::part1_2(x ^ 56))
}

pub fn part5_57(x: u64) -> u64 {
    let y = x.wrapping_mul(117);
    let z = y ^ (y >> 6);
    z.wrapping_add(crate::part2::part2_2(x ^ 57))
}

pub fn part5_58(x: u64) -> u64 {
    let y = x.wrapping_mul(119);
    let z = y ^ (y >> 7);
    z.wrapping_add(crate::part3::part3_2(x ^ 58))
}

pub fn part5_59(x: u64) -> u64 {
    let y = x.wrapping_mul(121);
    let z = y ^ (y >> 8);
    z.wrapping_add(crate::part4::part4_2(x ^ 59))
}

pub fn part5_60(x: u64) -> u64 {
    let y = x.wrapping_mul(123);
    let z = y ^ (y >> 9);
    z.wrapping_add(crate::part6::part6_2(x ^ 60))
}

pub fn part5_61(x: u64) -> u64 {
    let y = x.wrapping_mul(125);
    let z = y ^ (y >> 10);
    z.wrapping_add(crate::part7::part7_2(x ^ 61))
}

pub fn part5_62(x: u64) -> u64 {
    let y = x.wrapping_mul(127);
    let z = y ^ (y >> 11);
    z.wrapping_add(crate::part8::part8_2(x ^ 62))
}

pub fn part5_63(x: u64) -> u64 {
    let y = x.wrapping_mul(129);
    let z = y ^ (y >> 12);
    z.wrapping_add(crate::part9::part9_2(x ^ 63))
}

pub fn part5_64(x: u64) -> u64 {
    let y = x.wrapping_mul(131);
    let z = y ^ (y >> 13);
    z.wrapping_add(crate::part10::part10_2(x ^ 64))
}

pub fn part5_65(x: u64) -> u64 {
    let y = x.wrapping_mul(133);
    let z = y ^ (y >> 1);
    z.wrapping_add(crate::part11::part11_2(x ^ 65))
}

pub fn part5_66(x: u64) -> u64 {
    let y = x.wrapping_mul(135);
    let z = y ^ (y >> 2);
    z.wrapping_add(crate::part0::part0_0(x ^ 66))
}

pub fn part5_67(x: u64) -> u64 {
    let y = x.wrapping_mul(137);
    let z = y ^ (y >> 3);
    z.wrapping_add(crate::part1::part1_0(x ^ 67))
}

pub fn part5_68(x: u64) -> u64 {
    let y = x.wrapping_mul(139);
    let z = y ^ (y >> 4);
    z.wrapping_add(crate::part2::part2_0(x ^ 68))
}

pub fn part5_69(x: u64) -> u64 {
    let y = x.wrapping_mul(141);
    let z = y ^ (y >> 5);
    z.wrapping_add(crate::part3::part3_0(x ^ 69))
}

pub fn part5_70(x: u64) -> u64 {
    let y = x.wrapping_mul(143);
    let z = y ^ (y >> 6);
    z.wrapping_add(crate::part4::part4_0(x ^ 70))
}

pub fn part5_71(x: u64) -> u64 {
    let y = x.wrapping_mul(145);
    let z = y ^ (y >> 7);
    z.wrapping_add(crate::part6::part6_0(x ^ 71))
}

pub fn part5_72(x: u64) -> u64 {
    let y = x.wrapping_mul(147);
    let z = y ^ (y >> 8);
    z.wrapping_add(crate::part7::part7_0(x ^ 72))
}

pub fn part5_73(x: u64) -> u64 {
    let y = x.wrapping_mul(149);
    let z = y ^ (y >> 9);
    z.wrapping_add(crate::part8::part8_0(x ^ 73))
}

pub fn part5_74(x: u64) -> u64 {
    let y = x.wrapping_mul(151);
    let z = y ^ (y >> 10);
    z.wrapping_add(crate::part9::part9_0(x ^ 74))
}

pub fn part5_75(x: u64) -> u64 {
    let y = x.wrapping_mul(153);
    let z = y ^ (y >> 11);
    z.wrapping_add(crate::part10::part10_0(x ^ 75))
}

pub fn part5_76(x: u64) -> u64 {
    let y = x.wrapping_mul(155);
    let z = y ^ (y >> 12);
    z.wrapping_add(crate::part11::part11_0(x ^ 76))
}

pub fn part5_77(x: u64) -> u64 {
    let y = x.wrapping_mul(157);
    let z = y ^ (y >> 13);
    z.wrapping_add(crate::part0::part0_1(x ^ 77))
}

pub fn part5_78(x: u64) -> u64 {
    let y = x.wrapping_mul(159);
    let z = y ^ (y >> 1);
    z.wrapping_add(crate::part1::part1_1(x ^ 78))
}

pub fn part5_79(x: u64) -> u64 {
    let y = x.wrapping_mul(161);
    let z = y ^ (y >> 2);
    z.wrapping_add(crate::part2::part2_1(x ^ 79))
}

pub fn part5_80(x: u64) -> u64 {
    let y = x.wrapping_mul(163);
    let z = y ^ (y >> 3);
    z.wrapping_add(crate::part3::part3_1(x ^ 80))
}

pub fn part5_81(x: u64) -> u64 {
    let y = x.wrapping_mul(165);
    let z = y ^ (y >> 4);
    z.wrapping_add(crate::part4::part4_1(x ^ 81))
}

pub fn part5_82(x: u64) -> u64 {
    let y = x.wrapping_mul(167);
    let z = y ^ (y >> 5);
    z.wrapping_add(crate::part6::part6_1(x ^ 82))
}

pub fn part5_83(x: u64) -> u64 {
    let y = x.wrapping_mul(169);
    let z = y ^ (y >> 6);
    z.wrapping_add(crate::part7::part7_1(x ^ 83))
}

pub fn part5_84(x: u64) -> u64 {
    let y = x.wrapping_mul(171);
    let z = y ^ (y >> 7);
    z.wrapping_add(crate::part8::part8_1(x ^ 84))
}

pub fn part5_85(x: u64) -> u64 {
    let y = x.wrapping_mul(173);
    let z = y ^ (y >> 8);
    z.wrapping_add(crate::part9::part9_1(x ^ 85))
}

pub fn part5_86(x: u64) -> u64 {
    let y = x.wrapping_mul(175);
    let z = y ^ (y >> 9);
    z.wrapping_add(crate::part10::part10_1(x ^ 86))
}

pub fn part5_87(x: u64) -> u64 {
    let y = x.wrapping_mul(177);
    let z = y ^ (y >> 10);
    z.wrapping_add(crate::part11::part11_1(x ^ 87))
}

pub fn part5_88(x: u64) -> u64 {
    let y = x.wrapping_mul(179);
    let z = y ^ (y >> 11);
    z.wrapping_add(crate::part0::part0_2(x ^ 88))
}

pub fn part5_89(x: u64) -> u64 {
    let y = x.wrapping_mul(181);
    let z = y ^ (y >> 12);
    z.wrapping_add(crate::part1::part1_2(x ^ 89))
}

