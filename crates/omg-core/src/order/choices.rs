//! The closed sets of values some order fields take (protocol.md §4 and table 9), each an enum
//! that knows its wire spelling. Parsing is exact (case-sensitive): the gateway documents one
//! spelling per value, and a near miss such as `eng` is more likely a bug than an intent.

/// Declares a fieldless enum together with its wire spelling, both ways.
macro_rules! wire_choice {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order the spec lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Every value's wire spelling, in the same order (the contract's value sets).
            pub const WIRE: &'static [&'static str] = &[$($wire,)+];

            /// The value as written on the wire.
            pub fn as_wire(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }

            /// The value written `s` on the wire, if `s` is one of them (exact match).
            pub fn from_wire(s: &str) -> Option<Self> {
                match s {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The wire spellings joined for a message: `ENG, KOR, JPN, CHI`.
            pub(crate) fn listing() -> String {
                Self::WIRE.join(", ")
            }
        }
    };
}

wire_choice! {
    /// `Language`: the language of the gateway's payment page (absent = Chinese).
    pub enum Language {
        English = "ENG",
        Korean = "KOR",
        Japanese = "JPN",
        /// Simplified Chinese.
        Chinese = "CHI",
    }
}

wire_choice! {
    /// `InvoiceMark`: funpoint knows only `N`, "the gateway issues no e-invoice for this order".
    /// Leaving the field out means the same; the value exists so an order read from the wire
    /// keeps what it said.
    pub enum InvoiceMark {
        NoInvoice = "N",
    }
}

wire_choice! {
    /// `UnionPay` for one-time credit card payments.
    pub enum UnionPay {
        /// `0`: the payer chooses between a card and UnionPay.
        PayerChooses = "0",
        /// `1`: UnionPay only.
        UnionPayOnly = "1",
        /// `2`: UnionPay is not offered.
        Hidden = "2",
    }
}

wire_choice! {
    /// `PeriodType` of a recurring credit card payment.
    pub enum PeriodType {
        Day = "D",
        Month = "M",
        Year = "Y",
    }
}

wire_choice! {
    /// `ChooseSubPayment` for ATM (table 9): the bank issuing the virtual account.
    pub enum AtmBank {
        /// 第一銀行
        First = "FIRST",
        /// 中國信託
        Chinatrust = "CHINATRUST",
        /// 聯邦銀行
        Ubot = "UBOT",
        /// 凱基銀行
        Kgi = "KGI",
        /// 台新銀行 (V1.3.7 only; kept for older merchants)
        Taishin = "TAISHIN",
    }
}

wire_choice! {
    /// `ChooseSubPayment` for CVS payment codes (table 9).
    pub enum CvsStore {
        /// 超商代碼: a code usable at any of the chains.
        Cvs = "CVS",
        /// 全家
        Family = "FAMILY",
        /// 7-11 ibon
        Ibon = "IBON",
    }
}

wire_choice! {
    /// A concrete payment method, as named in `ChoosePayment` and `IgnorePayment`.
    pub enum Method {
        Credit = "Credit",
        Atm = "ATM",
        Cvs = "CVS",
        Barcode = "BARCODE",
        Aftee = "AFTEE",
    }
}
