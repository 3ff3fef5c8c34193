//! Closed sets of values stored and sent as text (`"public_building"`), with one parser
//! that names the allowed values when it refuses.

/// Declares an enum whose values are stored and transmitted as fixed snake_case text.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and transmitted form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads the stored form; anything else is refused with the allowed values.
            pub fn parse(text: &str) -> Result<Self, $crate::domain::validation::Problem> {
                match text.trim() {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::domain::validation::Problem::NotOneOf {
                        given: other.to_owned(),
                        allowed: Self::ALL.iter().map(|v| v.as_str().to_owned()).collect(),
                    }),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::validation::Problem;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }
    };
}
pub(crate) use string_enum;
