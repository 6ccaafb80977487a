//! The CPU's Fourier-transform kernels ([`FftOps`]): rustfft for complex transforms (any
//! length: mixed radix, Rader and Bluestein for primes, AVX where available) and realfft
//! for real-input and real-output ones, over the line driver of `lines`. Plans come from a
//! global cache (`plan`), built once per length, direction and precision.
//!
//! Copies: each line is gathered once from the strided input (the kernel needs a
//! contiguous, writable line), in groups of adjacent lines; the output is the new
//! contiguous storage (zeroed by the OS, huge pages when large: `crate::alloc`). The
//! later passes of an n-d transform run in place in it ([`FftOps::fft_in_place`]).

mod lines;
mod plan;

use crate::storage::{check_layout, unsupported};
use crate::{Cpu, CpuStorage};
use array_api::fft::{FftDirection, FftKind, FftOps, FftSpec};
use array_api::{DType, Element, Error, Layout, Result};
use lines::{run, run_in_place, Lines};
use num_complex::Complex;
use plan::FftFloat;

const OP: &str = "fft";

impl FftOps for Cpu {
    fn fft(
        &self,
        spec: FftSpec,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<CpuStorage> {
        if spec.n == 0 || spec.axis >= layout.ndim() {
            return Err(Error::invalid(
                OP,
                format!(
                    "bad spec {spec:?} for a layout of shape {:?}",
                    layout.shape()
                ),
            ));
        }
        check_layout(layout, x.len(), OP)?;
        match (spec.kind, dtype) {
            (FftKind::C2c, DType::Complex64) => c2c::<f32>(spec, x, layout),
            (FftKind::C2c, DType::Complex128) => c2c::<f64>(spec, x, layout),
            (FftKind::R2c, DType::Float32) => r2c::<f32>(spec, x, layout),
            (FftKind::R2c, DType::Float64) => r2c::<f64>(spec, x, layout),
            (FftKind::C2r, DType::Complex64) => c2r::<f32>(spec, x, layout),
            (FftKind::C2r, DType::Complex128) => c2r::<f64>(spec, x, layout),
            _ => Err(unsupported(OP, dtype)),
        }
    }

    fn fft_in_place(
        &self,
        spec: FftSpec,
        x: &mut CpuStorage,
        shape: &[usize],
        dtype: DType,
    ) -> Result<()> {
        let layout = Layout::contiguous(shape);
        if spec.kind != FftKind::C2c
            || spec.axis >= shape.len()
            || spec.n != shape[spec.axis]
            || spec.n == 0
        {
            return Err(Error::invalid(
                OP,
                format!(
                    "in place needs a complex transform keeping the length; got {spec:?} \
                     for shape {shape:?}"
                ),
            ));
        }
        check_layout(&layout, x.len(), OP)?;
        match dtype {
            DType::Complex64 => c2c_in_place::<f32>(spec, x.typed_mut(OP)?, &layout),
            DType::Complex128 => c2c_in_place::<f64>(spec, x.typed_mut(OP)?, &layout),
            _ => return Err(unsupported(OP, dtype)),
        }
        Ok(())
    }
}

fn out_size(spec: &FftSpec, layout: &Layout) -> usize {
    spec.output_shape(layout.shape()).iter().product()
}

fn scale_of<T: FftFloat>(spec: &FftSpec) -> Option<T>
where
    Complex<T>: Element,
{
    (spec.scale != 1.0).then(|| T::from(spec.scale).unwrap_or_else(T::one))
}

fn c2c<T: FftFloat>(spec: FftSpec, x: &CpuStorage, layout: &Layout) -> Result<CpuStorage>
where
    Complex<T>: Element,
{
    let x = x.typed::<Complex<T>>(OP)?;
    let lines = Lines::new(layout, spec.axis, spec.n, spec.n);
    let mut out = crate::alloc::zeroed::<Complex<T>>(out_size(&spec, layout));
    let plan = T::plans().c2c(spec.n, spec.direction == FftDirection::Forward);
    let scale = scale_of::<T>(&spec);
    let scratch_len = plan.get_outofplace_scratch_len();
    run(
        &lines,
        x,
        &mut out,
        || vec![Complex::new(T::zero(), T::zero()); scratch_len],
        |i, o, scratch| {
            plan.process_outofplace_with_scratch(i, o, scratch);
            if let Some(s) = scale {
                o.iter_mut().for_each(|v| *v = *v * s);
            }
        },
    );
    Ok(CpuStorage::from_vec(out))
}

/// [`c2c`] over the contiguous `buf` itself (`spec.n` is the axis length).
fn c2c_in_place<T: FftFloat>(spec: FftSpec, buf: &mut [Complex<T>], layout: &Layout)
where
    Complex<T>: Element,
{
    let lines = Lines::new(layout, spec.axis, spec.n, spec.n);
    let plan = T::plans().c2c(spec.n, spec.direction == FftDirection::Forward);
    let scale = scale_of::<T>(&spec);
    let scratch_len = plan.get_outofplace_scratch_len();
    run_in_place(
        &lines,
        buf,
        || vec![Complex::new(T::zero(), T::zero()); scratch_len],
        |i, o, scratch| {
            plan.process_outofplace_with_scratch(i, o, scratch);
            if let Some(s) = scale {
                o.iter_mut().for_each(|v| *v = *v * s);
            }
        },
    );
}

fn r2c<T: FftFloat>(spec: FftSpec, x: &CpuStorage, layout: &Layout) -> Result<CpuStorage>
where
    Complex<T>: Element,
{
    let x = x.typed::<T>(OP)?;
    let lines = Lines::new(layout, spec.axis, spec.n, spec.output_len());
    let mut out = crate::alloc::zeroed::<Complex<T>>(out_size(&spec, layout));
    let plan = T::plans().r2c(spec.n);
    let scale = scale_of::<T>(&spec);
    let conj = spec.direction == FftDirection::Inverse;
    let scratch_len = plan.get_scratch_len();
    let failed = std::sync::atomic::AtomicBool::new(false);
    run(
        &lines,
        x,
        &mut out,
        || vec![Complex::new(T::zero(), T::zero()); scratch_len],
        |i, o, scratch| {
            if plan.process_with_scratch(i, o, scratch).is_err() {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            let s = scale.unwrap_or_else(T::one);
            for v in o.iter_mut() {
                *v = if conj { v.conj() * s } else { *v * s };
            }
        },
    );
    if failed.into_inner() {
        return Err(backend_error("realfft rejected a buffer length"));
    }
    Ok(CpuStorage::from_vec(out))
}

fn c2r<T: FftFloat>(spec: FftSpec, x: &CpuStorage, layout: &Layout) -> Result<CpuStorage>
where
    Complex<T>: Element,
{
    let x = x.typed::<Complex<T>>(OP)?;
    let lines = Lines::new(layout, spec.axis, spec.input_len(), spec.n);
    let mut out = crate::alloc::zeroed::<T>(out_size(&spec, layout));
    let plan = T::plans().c2r(spec.n);
    let scale = scale_of::<T>(&spec);
    let conj = spec.direction == FftDirection::Forward;
    let scratch_len = plan.get_scratch_len();
    let failed = std::sync::atomic::AtomicBool::new(false);
    run(
        &lines,
        x,
        &mut out,
        || vec![Complex::new(T::zero(), T::zero()); scratch_len],
        |buf, o, scratch| {
            if conj {
                buf.iter_mut().for_each(|v| *v = v.conj());
            }
            // The imaginary parts of the first and (even n) last terms are ignored, as
            // the contract says; realfft reports them as `InputValues` but transforms.
            match plan.process_with_scratch(buf, o, scratch) {
                Ok(()) | Err(realfft::FftError::InputValues(..)) => {}
                Err(_) => failed.store(true, std::sync::atomic::Ordering::Relaxed),
            }
            if let Some(s) = scale {
                o.iter_mut().for_each(|v| *v = *v * s);
            }
        },
    );
    if failed.into_inner() {
        return Err(backend_error("realfft rejected a buffer length"));
    }
    Ok(CpuStorage::from_vec(out))
}

fn backend_error(reason: &str) -> Error {
    Error::Backend {
        backend: "cpu".into(),
        reason: format!("{OP}: {reason}"),
    }
}
