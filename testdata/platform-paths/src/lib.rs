// One module, a file per platform: all of them are analyzed, merged into `sys`.
#[cfg_attr(unix, path = "sys/unix.rs")]
#[cfg_attr(windows, path = "sys/windows.rs")]
mod sys;

// Conditional path with a fallback: `fallback.rs` is loaded when the cfg_attr does not apply.
#[cfg_attr(target_pointer_width = "16", path = "narrow.rs")]
mod fallback;

// `include!` splices the file in; the modules it declares sit beside the included file.
include!("generated/mod.rs");

pub fn go() -> u32 {
    sys::page_size() + fallback::width() + parts::one::ONE
}
