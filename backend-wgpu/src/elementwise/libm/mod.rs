//! A math library in WGSL: the functions WGSL lacks (`f64` transcendentals are not WGSL
//! builtins at all) or does not compute accurately enough (its `f32` builtins have loose
//! error bounds), as library entries that kernels pull in by name.
//!
//! The `f64` functions are ports of fdlibm (Sun's freely distributable libm, as in
//! FreeBSD's msun), accurate to about one ulp; `float32` and `complex64` kernels call them
//! on widened arguments and round once, which is how the reference computes too. Large
//! trigonometric arguments use a Payne–Hanek reduction written here with 32-bit limbs.
//!
//! Two hazards of the WGSL toolchain shape the code:
//! - naga declares no SPIR-V float controls, so a Vulkan driver may apply algebraic
//!   simplifications that are wrong for floats (Mesa folds `(a + b) - a` to `b` and `x *
//!   0.0` to `0.0`). Error-compensation steps therefore pass intermediate sums through
//!   `xp_ob` ("opaque"), a select on a run-time condition the compiler cannot see through.
//! - naga compiles float `!=` as an ordered comparison (false for NaN); NaN tests use bits.
//!
//! Entries are templates: `generic` ones are written once with placeholders and
//! instantiated for `f64` (prefix `xp_`) and `f32` (prefix `xpf_`); the fdlibm ports have
//! separate `f64` and `f32` sources (the `f32` ones, ports of fdlibm's float functions,
//! are used on devices without `f64`).

mod exp_log;
mod float32;
pub(crate) mod float32_more;
mod hyper;
mod inverse;
mod pow;
mod trig;

/// The precision of a library instantiation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Prec {
    /// `f32` (names `xpf_*`).
    F32,
    /// `f64` (names `xp_*`).
    F64,
}

impl Prec {
    /// The WGSL float type.
    pub(crate) fn ty(self) -> &'static str {
        match self {
            Prec::F32 => "f32",
            Prec::F64 => "f64",
        }
    }
    /// The function-name prefix.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Prec::F32 => "xpf",
            Prec::F64 => "xp",
        }
    }
}

/// A library entry.
pub(crate) struct Entry {
    /// Its name (a function `<prefix>_<name>` and possibly helpers).
    pub name: &'static str,
    /// Entries it calls.
    pub deps: &'static [&'static str],
    /// The source: a template (see [`instantiate`]) when `f32` is `None`, else the `f64`
    /// source.
    pub src: &'static str,
    /// The `f32` source of an `f64`-only entry.
    pub f32: Option<&'static str>,
}

/// Substitutes the placeholders of a generic template: `$T` float type, `$U` unsigned
/// integer of the same width, `$I` signed integer of the same width, `$L` float literal
/// suffix, `$UL` / `$IL` integer literal suffixes, `$X` name prefix, `$MB` mantissa bits,
/// `$NM` non-mantissa bits, `$SB` sign-bit shift, `$EM` exponent mask (unshifted; `$EMX`
/// as an abstract integer), `$BIAS` the exponent bias, `$IMP`
/// implicit-bit value, `$ABS` the magnitude mask, `$INF` the bits of +inf, and the
/// precision's constants of the complex functions: `$EPS` (machine epsilon), `$REPS`
/// (its reciprocal), `$MAX`, `$FSMIN` / `$QSMAX` / `$SMIN` (4·sqrt(min), sqrt(max)/4,
/// sqrt(min), as powers of two), `$S3E` / `$S6E` (sqrt(3 eps), sqrt(6 eps)), `$BIGX`
/// (where `exp` nears overflow), `$SQHI` / `$SQLO` / `$SQK` (the scaling of `csqrt`).
pub(crate) fn instantiate(src: &str, p: Prec) -> String {
    let subs: &[(&str, &str)] = match p {
        Prec::F64 => &[
            ("$EPS", "2.220446049250313e-16lf"),
            ("$FSMIN", "bitcast<f64>(0x2020000000000000lu)"),
            ("$QSMAX", "bitcast<f64>(0x5fc0000000000000lu)"),
            ("$SMIN", "bitcast<f64>(0x2000000000000000lu)"),
            ("$REPS", "4503599627370496.0lf"),
            ("$S3E", "2.5809568279517847e-08lf"),
            ("$S6E", "3.650024149988857e-08lf"),
            ("$MAX", "bitcast<f64>(0x7feffffffffffffflu)"),
            ("$BIGX", "700.0lf"),
            ("$SQHI", "bitcast<f64>(0x7e70000000000000lu)"),
            ("$SQLO", "bitcast<f64>(0x0170000000000000lu)"),
            ("$SQK", "600"),
            ("$NM", "12u"),
            ("$UL", "lu"),
            ("$IL", "li"),
            ("$MB", "52u"),
            ("$SB", "63u"),
            ("$EMX", "2047"),
            ("$BIAS", "1023"),
            ("$EM", "0x7fflu"),
            ("$IMP", "0x10000000000000lu"),
            ("$ABS", "0x7ffffffffffffffflu"),
            ("$INF", "0x7ff0000000000000lu"),
            ("$T", "f64"),
            ("$U", "u64"),
            ("$I", "i64"),
            ("$L", "lf"),
            ("$X", "xp"),
        ],
        Prec::F32 => &[
            ("$EPS", "1.1920929e-7f"),
            ("$FSMIN", "bitcast<f32>(0x21000000u)"),
            ("$QSMAX", "bitcast<f32>(0x5e000000u)"),
            ("$SMIN", "bitcast<f32>(0x20000000u)"),
            ("$REPS", "8388608.0f"),
            ("$S3E", "5.980199784971774e-4f"),
            ("$S6E", "8.457279182039201e-4f"),
            ("$MAX", "bitcast<f32>(0x7f7fffffu)"),
            ("$BIGX", "88.0f"),
            ("$SQHI", "bitcast<f32>(0x71800000u)"),
            ("$SQLO", "bitcast<f32>(0x0d800000u)"),
            ("$SQK", "60"),
            ("$NM", "9u"),
            ("$UL", "u"),
            ("$IL", "i"),
            ("$MB", "23u"),
            ("$SB", "31u"),
            ("$EMX", "255"),
            ("$BIAS", "127"),
            ("$EM", "0xffu"),
            ("$IMP", "0x800000u"),
            ("$ABS", "0x7fffffffu"),
            ("$INF", "0x7f800000u"),
            ("$T", "f32"),
            ("$U", "u32"),
            ("$I", "i32"),
            ("$L", "f"),
            ("$X", "xpf"),
        ],
    };
    let mut s = src.to_string();
    for (k, v) in subs {
        s = s.replace(k, v);
    }
    s
}

/// Every entry of the library.
fn entries() -> impl Iterator<Item = &'static Entry> {
    BASIC
        .iter()
        .chain(exp_log::ENTRIES)
        .chain(trig::ENTRIES)
        .chain(inverse::ENTRIES)
        .chain(hyper::ENTRIES)
        .chain(pow::ENTRIES)
        .chain(super::real::ENTRIES)
        .chain(super::complex::ENTRIES)
        .chain(super::complex_fns::ENTRIES)
}

fn find(name: &str) -> &'static Entry {
    entries()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no WGSL library entry `{name}`"))
}

/// The WGSL source of the entries `names` and everything they depend on, each once, in
/// dependency order, instantiated for precision `p`.
pub(crate) fn library(p: Prec, names: &[&str]) -> String {
    fn visit(p: Prec, name: &str, done: &mut Vec<&'static str>, out: &mut String) {
        let e = find(name);
        if done.contains(&e.name) {
            return;
        }
        done.push(e.name);
        for d in e.deps {
            visit(p, d, done, out);
        }
        match (p, e.f32) {
            (Prec::F32, Some(src)) => out.push_str(&instantiate(src, p)),
            (_, Some(_)) => out.push_str(&instantiate(e.src, p)),
            (_, None) => out.push_str(&instantiate(e.src, p)),
        }
        out.push('\n');
    }
    let mut done = Vec::new();
    let mut out = String::new();
    for n in names {
        visit(p, n, &mut done, &mut out);
    }
    out
}

/// Bit access, classification and scaling, in both precisions.
const BASIC: &[Entry] = &[
    Entry {
        name: "bits",
        deps: &[],
        src: "
// `x`, through a select the compiler cannot resolve (the element count is never
// negative). The other arm is not a constant: Mesa pushes arithmetic with constants into
// a select whose arms are constants, which would undo the barrier.
fn $X_ob(x: $T) -> $T { return select(x, -x, prm[0] < 0); }
// A zero the compiler cannot see (it folds `0 * x` to 0, wrong for infinite or NaN x).
fn $X_oz() -> $T { return select($T(0), $T(3), prm[0] < 0); }
fn $X_nan() -> $T { return bitcast<$T>($INF | ($IMP >> 1u)); }
fn $X_inf() -> $T { return bitcast<$T>($INF); }
fn $X_isnan(x: $T) -> bool { return (bitcast<$U>(x) & $ABS) > $INF; }
fn $X_isinf(x: $T) -> bool { return (bitcast<$U>(x) & $ABS) == $INF; }
fn $X_isfinite(x: $T) -> bool { return (bitcast<$U>(x) & $ABS) < $INF; }
fn $X_signbit(x: $T) -> bool { return (bitcast<$U>(x) >> $SB) != 0$UL; }
fn $X_copysign(x: $T, y: $T) -> $T {
  return bitcast<$T>((bitcast<$U>(x) & $ABS) | (bitcast<$U>(y) & ~$ABS));
}
fn $X_fabs(x: $T) -> $T { return bitcast<$T>(bitcast<$U>(x) & $ABS); }
",
        f32: None,
    },
    Entry {
        name: "words",
        deps: &["bits"],
        src: "
fn xp_hi(x: f64) -> u32 { return u32(bitcast<u64>(x) >> 32u); }
fn xp_lo(x: f64) -> u32 { return u32(bitcast<u64>(x) & 0xfffffffflu); }
fn xp_ihi(x: f64) -> i32 { return bitcast<i32>(xp_hi(x)); }
fn xp_words(h: u32, l: u32) -> f64 { return bitcast<f64>((u64(h) << 32u) | u64(l)); }
fn xp_set_lo(x: f64, l: u32) -> f64 { return xp_words(xp_hi(x), l); }
fn xp_set_hi(x: f64, h: u32) -> f64 { return xp_words(h, xp_lo(x)); }
fn xp_pow2(k: i32) -> f64 { return bitcast<f64>(u64(k + 1023) << 52u); }
fn xp_scalbn(x: f64, n0: i32) -> f64 {
  var y = x;
  var n = n0;
  if n > 1023 {
    y = y * xp_pow2(1023);
    n = n - 1023;
    if n > 1023 {
      y = y * xp_pow2(1023);
      n = n - 1023;
      if n > 1023 { n = 1023; }
    }
  } else if n < -1022 {
    y = y * xp_pow2(-969);
    n = n + 969;
    if n < -1022 {
      y = y * xp_pow2(-969);
      n = n + 969;
      if n < -1022 { n = -1022; }
    }
  }
  return y * xp_pow2(n);
}
",
        f32: Some(float32::WORDS),
    },
];
