//! The registry of shipped rules: one line per rule names its id, its TOML file (embedded)
//! and the thresholds its function reads. From that line come the `RuleId` variant, the
//! typed thresholds struct (deserialized with `deny_unknown_fields`) and the field of
//! `Thresholds` that holds it. Adding a rule = its TOML file in `rules/`, its line here, its
//! function (reading `rules.thresholds.<field>`) and its fixture.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

macro_rules! registry {
    ($( $variant:ident $id:literal $field:ident { $($name:ident),* $(,)? } )*) => {
        /// A shipped rule. Declared in the order of its string form (so maps keyed by it
        /// list rules as `archsplit rules` always has); serialized as that string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum RuleId {
            $( #[serde(rename = $id)] $variant, )*
        }

        impl RuleId {
            /// Every rule, in the order of their ids.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The id as written in rule files, configuration and every output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( RuleId::$variant => $id, )*
                }
            }

            /// The rule of an id; `None` for an id archsplit does not know.
            pub fn parse(id: &str) -> Option<RuleId> {
                match id {
                    $( $id => Some(RuleId::$variant), )*
                    _ => None,
                }
            }

            /// The threshold names its function reads; anything else is rejected.
            pub fn threshold_names(self) -> &'static [&'static str] {
                match self {
                    $( RuleId::$variant => &[$(stringify!($name)),*], )*
                }
            }

            /// The shipped TOML file of the rule: its name and text.
            pub fn shipped(self) -> (&'static str, &'static str) {
                match self {
                    $( RuleId::$variant => (
                        concat!($id, ".toml"),
                        include_str!(concat!("../../rules/", $id, ".toml")),
                    ), )*
                }
            }
        }

        /// The typed thresholds of each rule (the meaning of each is documented in its TOML
        /// file).
        pub mod t {
            use serde::{Deserialize, Serialize};
            $(
                #[doc = concat!("The thresholds of `", $id, "`.")]
                #[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
                #[serde(deny_unknown_fields)]
                pub struct $variant { $( pub $name: f64, )* }
            )*
        }

        /// The thresholds in force, one typed struct per rule.
        #[derive(Debug, Clone, Copy, PartialEq, Default)]
        pub struct Thresholds {
            $( pub $field: t::$variant, )*
        }

        impl Thresholds {
            /// Sets the thresholds of `id` from `base` with the values of `over` over them;
            /// an unknown name, or a missing one, is an error (`deny_unknown_fields`).
            pub fn set(
                &mut self,
                id: RuleId,
                base: &Thresholds,
                over: &BTreeMap<String, f64>,
            ) -> Result<(), String> {
                match id {
                    $( RuleId::$variant => self.$field = overlay(&base.$field, over)?, )*
                }
                Ok(())
            }
        }
    };
}

registry! {
    ChangeCrossing "change-crossing" change_crossing { max_crossing_share, min_changes }
    ChattyBoundary "chatty-boundary" chatty_boundary { min_cohesion }
    CyclicServices "cyclic-services" cyclic_services { min_cycle_references, min_untangled_share }
    DuplicatedCode "duplicated-code" duplicated_code { min_loc }
    ExistingProcess "existing-process" existing_process { max_remote_calls, max_crossing_types }
    GodModule "god-module" god_module {
        min_loc, min_fan_in, min_fan_out, min_crate_share, min_crate_modules, max_crate_cohesion,
    }
    HiddenCoupling "hidden-coupling" hidden_coupling { min_shared_commits, min_degree }
    LinkedLibrary "linked-library" linked_library { min_type_share }
    MicroserviceCandidate "microservice-candidate" microservice_candidate {
        min_loc, min_cohesion, max_code_share, max_entry_points, max_crossing_types,
        min_microservices,
    }
    NanoserviceCandidate "nanoservice-candidate" nanoservice_candidate {
        max_loc, max_entry_points, max_dependencies, min_client_clusters, max_remote_references,
    }
    OverFragmentation "over-fragmentation" over_fragmentation {
        tiny_crate_loc, min_cross_references, min_cross_ratio, min_reexport_share,
        extension_min_ratio, extension_max_size_share, extension_min_users,
    }
    SeparateTeam "separate-team" separate_team {
        min_own_team_share, min_changes, min_home_clusters,
    }
    SharedState "shared-state" shared_state { min_shared_items }
    SmallCodebase "small-codebase" small_codebase { min_loc }
    TightlyCoupledCodebase "tightly-coupled-codebase" tightly_coupled_codebase {
        min_modularity, max_largest_cycle_share,
    }
    TooSmallForAService "too-small-for-a-service" too_small_for_a_service { min_loc }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `base` with the values of `over` over it, through serde: the struct's
/// `deny_unknown_fields` rejects a name it does not have.
fn overlay<T: Serialize + serde::de::DeserializeOwned>(
    base: &T,
    over: &BTreeMap<String, f64>,
) -> Result<T, String> {
    let mut table = toml::Table::try_from(base).map_err(|e| e.to_string())?;
    for (name, value) in over {
        table.insert(name.clone(), toml::Value::Float(*value));
    }
    table.try_into().map_err(|e: toml::de::Error| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_in_order() {
        for w in RuleId::ALL.windows(2) {
            assert!(w[0].as_str() < w[1].as_str(), "{} before {}", w[0], w[1]);
        }
        for &id in RuleId::ALL {
            assert_eq!(RuleId::parse(id.as_str()), Some(id));
            assert_eq!(
                serde_json::to_string(&id).unwrap(),
                format!("\"{}\"", id.as_str())
            );
        }
        assert_eq!(RuleId::parse("no-such-rule"), None);
    }

    #[test]
    fn typed_thresholds_reject_unknown_names() {
        let mut t = Thresholds::default();
        let base = Thresholds::default();
        let over = BTreeMap::from([("min_cohesoin".to_string(), 0.2)]);
        let e = t.set(RuleId::ChattyBoundary, &base, &over).unwrap_err();
        assert!(e.contains("min_cohesoin"), "{e}");
        let over = BTreeMap::from([("min_cohesion".to_string(), 0.2)]);
        t.set(RuleId::ChattyBoundary, &base, &over).unwrap();
        assert_eq!(t.chatty_boundary.min_cohesion, 0.2);
    }
}
