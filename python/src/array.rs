//! The array object: `xp.Array`, with the standard's attributes and operators.

use crate::convert::{self, operand, Operand};
use crate::device::{device_arg, PyDevice};
use crate::dtype::PyDType;
use crate::errors::IntoPy;
use crate::index;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyComplex, PyFloat, PyInt, PyTuple};
use xp::{Array, BinaryOp, Dyn};

/// An n-dimensional array on a device (the standard's array object).
///
/// Operators follow the standard: arithmetic, comparison and bitwise operators with arrays
/// or Python scalars (weak in promotion) on either side, in-place forms keeping the left
/// side's dtype. Conversion to NumPy: `numpy.asarray(x)` (one copy).
#[pyclass(name = "Array", module = "xp", from_py_object)]
#[derive(Clone)]
pub struct PyArray {
    pub(crate) a: Array<Dyn>,
}

impl From<Array<Dyn>> for PyArray {
    fn from(a: Array<Dyn>) -> PyArray {
        PyArray { a }
    }
}

type BinFn = for<'a> fn(xp::Operand<'a, Dyn>, xp::Operand<'a, Dyn>) -> xp::Result<Array<Dyn>>;

impl PyArray {
    /// `f(self, other)` (or `f(other, self)` when `reflected`); `NotImplemented` for an
    /// operand that is neither an array nor a Python scalar.
    fn bin(
        &self,
        py: Python<'_>,
        other: &Bound<'_, PyAny>,
        f: BinFn,
        reflected: bool,
    ) -> PyResult<Py<PyAny>> {
        let o = match operand(other, "operator") {
            Ok(o) => o,
            Err(_) => return Ok(py.NotImplemented()),
        };
        let me = xp::Operand::Array(&self.a);
        let r = if reflected {
            f(o.as_xp(), me)
        } else {
            f(me, o.as_xp())
        };
        Ok(PyArray::from(r.py()?)
            .into_pyobject(py)?
            .into_any()
            .unbind())
    }

    fn assign(&mut self, other: &Bound<'_, PyAny>, op: BinaryOp) -> PyResult<()> {
        let o = operand(other, op.name())?;
        xp::assign_op(op, &mut self.a, o.as_xp()).py()
    }

    /// The single element as a Python scalar, for `__bool__`, `__int__`, ...
    fn element<'py>(&self, py: Python<'py>, what: &str) -> PyResult<Bound<'py, PyAny>> {
        if self.a.size() != 1 {
            return Err(PyTypeError::new_err(format!(
                "{what}: only arrays of one element convert to a Python scalar; shape is {:?}",
                self.a.shape()
            )));
        }
        let h = self.a.to_host().py()?;
        let s = h
            .get(0)
            .ok_or_else(|| PyValueError::new_err("empty array"))?;
        convert::scalar_to_py(py, s)
    }
}

macro_rules! binary_dunders {
    ($($f:ident, $r:ident, $i:ident => $op:ident, $xpf:path);* $(;)?) => {
        #[pymethods]
        impl PyArray {
            $(
                fn $f(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    self.bin(py, other, |a, b| $xpf(a, b), false)
                }
                fn $r(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    self.bin(py, other, |a, b| $xpf(a, b), true)
                }
                fn $i(&mut self, other: &Bound<'_, PyAny>) -> PyResult<()> {
                    self.assign(other, BinaryOp::$op)
                }
            )*
        }
    };
}

binary_dunders! {
    __add__, __radd__, __iadd__ => Add, xp::add;
    __sub__, __rsub__, __isub__ => Subtract, xp::subtract;
    __mul__, __rmul__, __imul__ => Multiply, xp::multiply;
    __truediv__, __rtruediv__, __itruediv__ => Divide, xp::divide;
    __floordiv__, __rfloordiv__, __ifloordiv__ => FloorDivide, xp::floor_divide;
    __mod__, __rmod__, __imod__ => Remainder, xp::remainder;
    __and__, __rand__, __iand__ => BitwiseAnd, xp::bitwise_and;
    __or__, __ror__, __ior__ => BitwiseOr, xp::bitwise_or;
    __xor__, __rxor__, __ixor__ => BitwiseXor, xp::bitwise_xor;
    __lshift__, __rlshift__, __ilshift__ => BitwiseLeftShift, xp::bitwise_left_shift;
    __rshift__, __rrshift__, __irshift__ => BitwiseRightShift, xp::bitwise_right_shift;
}

#[pymethods]
impl PyArray {
    /// The data type.
    #[getter]
    fn dtype(&self) -> PyDType {
        self.a.dtype().into()
    }

    /// The device the data lives on.
    #[getter]
    fn device(&self) -> PyDevice {
        self.a.device().clone().into()
    }

    /// Number of dimensions.
    #[getter]
    fn ndim(&self) -> usize {
        self.a.ndim()
    }

    /// The shape, a tuple of ints.
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.a.shape())
    }

    /// Number of elements.
    #[getter]
    fn size(&self) -> usize {
        self.a.size()
    }

    /// The transpose of a 2-d array.
    #[getter(T)]
    fn t(&self) -> PyResult<PyArray> {
        Ok(self.a.T().py()?.into())
    }

    /// The transpose of the last two axes (a stack of matrices).
    #[getter(mT)]
    fn mt(&self) -> PyResult<PyArray> {
        Ok(self.a.mT().py()?.into())
    }

    /// The namespace of this array: the `xp` module.
    #[pyo3(signature = (*, api_version=None))]
    fn __array_namespace__<'py>(
        &self,
        py: Python<'py>,
        api_version: Option<&str>,
    ) -> PyResult<Bound<'py, PyModule>> {
        if let Some(v) = api_version {
            if !["2021.12", "2022.12", "2023.12", "2024.12", "2025.12"].contains(&v) {
                return Err(PyValueError::new_err(format!(
                    "unsupported api_version {v:?}"
                )));
            }
        }
        py.import("xp")
    }

    /// A copy on `device` (the array itself when it is already there).
    #[pyo3(signature = (device, /, *, stream=None))]
    fn to_device(
        &self,
        device: &Bound<'_, PyAny>,
        stream: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyArray> {
        if stream.is_some_and(|s| !s.is_none()) {
            return Err(PyValueError::new_err(
                "to_device: streams are not supported",
            ));
        }
        let d = device_arg(Some(device))?;
        Ok(self.a.to_device(&d).py()?.into())
    }

    fn __repr__(&self) -> String {
        let s = self.a.to_string();
        match self.a.device() {
            Dyn::Cpu(_) => s,
            #[allow(unreachable_patterns)]
            d => format!("{}, device='{d}')", s.trim_end_matches(')')),
        }
    }

    fn __len__(&self) -> PyResult<usize> {
        self.a
            .shape()
            .first()
            .copied()
            .ok_or_else(|| PyTypeError::new_err("len() of a 0-d array"))
    }

    fn __getitem__(&self, key: &Bound<'_, PyAny>) -> PyResult<PyArray> {
        let idx = index::key(&self.a, key)?;
        Ok(self.a.get(&idx).py()?.into())
    }

    fn __setitem__(&mut self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let idx = index::key(&self.a, key)?;
        match operand(value, "setitem")? {
            Operand::Array(v) => self.a.set(&idx, &v).py(),
            Operand::Scalar(s) => self.a.set_scalar(&idx, s).py(),
        }
    }

    fn __abs__(&self) -> PyResult<PyArray> {
        Ok(xp::abs(&self.a).py()?.into())
    }

    fn __neg__(&self) -> PyResult<PyArray> {
        Ok(xp::negative(&self.a).py()?.into())
    }

    fn __pos__(&self) -> PyResult<PyArray> {
        Ok(xp::positive(&self.a).py()?.into())
    }

    fn __invert__(&self) -> PyResult<PyArray> {
        Ok(xp::bitwise_invert(&self.a).py()?.into())
    }

    fn __pow__(
        &self,
        py: Python<'_>,
        other: &Bound<'_, PyAny>,
        _modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::pow(a, b), false)
    }

    fn __rpow__(
        &self,
        py: Python<'_>,
        other: &Bound<'_, PyAny>,
        _modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::pow(a, b), true)
    }

    fn __ipow__(
        &mut self,
        other: &Bound<'_, PyAny>,
        _modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        self.assign(other, BinaryOp::Pow)
    }

    fn __matmul__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match other.cast::<PyArray>() {
            Ok(o) => Ok(PyArray::from(xp::matmul(&self.a, &o.borrow().a).py()?)
                .into_pyobject(py)?
                .into_any()
                .unbind()),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __rmatmul__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match other.cast::<PyArray>() {
            Ok(o) => Ok(PyArray::from(xp::matmul(&o.borrow().a, &self.a).py()?)
                .into_pyobject(py)?
                .into_any()
                .unbind()),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __imatmul__(&mut self, other: &Bound<'_, PyAny>) -> PyResult<()> {
        let o = convert::array(other, "matmul")?;
        let r = xp::matmul(&self.a, &o).py()?;
        if r.shape() != self.a.shape() {
            return Err(PyValueError::new_err(format!(
                "@=: the result's shape {:?} differs from the left operand's {:?}",
                r.shape(),
                self.a.shape()
            )));
        }
        self.a = xp::astype(&r, self.a.dtype()).py()?;
        Ok(())
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::equal(a, b), false)
    }

    fn __ne__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::not_equal(a, b), false)
    }

    fn __lt__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::less(a, b), false)
    }

    fn __le__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::less_equal(a, b), false)
    }

    fn __gt__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::greater(a, b), false)
    }

    fn __ge__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.bin(py, other, |a, b| xp::greater_equal(a, b), false)
    }

    fn __bool__(&self, py: Python<'_>) -> PyResult<bool> {
        let e = self.element(py, "bool()")?;
        e.is_truthy()
    }

    fn __int__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if self.a.dtype().is_complex() {
            return Err(PyTypeError::new_err("int() of a complex array"));
        }
        let e = self.element(py, "int()")?;
        py.get_type::<PyInt>().call1((e,))
    }

    fn __index__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = self.a.dtype();
        if !d.is_integer() || self.a.ndim() != 0 {
            return Err(PyTypeError::new_err(format!(
                "only 0-d integer arrays can be used as an index, not a {}-d {d} array",
                self.a.ndim()
            )));
        }
        self.element(py, "__index__")
    }

    fn __float__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if self.a.dtype().is_complex() {
            return Err(PyTypeError::new_err("float() of a complex array"));
        }
        let e = self.element(py, "float()")?;
        py.get_type::<PyFloat>().call1((e,))
    }

    fn __complex__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let e = self.element(py, "complex()")?;
        py.get_type::<PyComplex>().call1((e,))
    }

    /// DLPack export (a host copy the capsule owns; see the `dlpack` module).
    #[pyo3(signature = (*, stream=None, max_version=None, dl_device=None, copy=None))]
    fn __dlpack__<'py>(
        &self,
        py: Python<'py>,
        stream: Option<&Bound<'py, PyAny>>,
        max_version: Option<(u32, u32)>,
        dl_device: Option<(i32, i32)>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::dlpack::dlpack(py, &self.a, stream, max_version, dl_device, copy)
    }

    /// The DLPack device: `(1, 0)` for the CPU, `(15, N)` (`kDLWebGPU`) for `wgpu:N`.
    fn __dlpack_device__(&self) -> (i32, i32) {
        crate::dlpack::dlpack_device(&self.a)
    }

    /// NumPy's conversion protocol: a new NumPy array holding a copy of the data.
    #[pyo3(signature = (dtype=None, copy=None))]
    fn __array__<'py>(
        &self,
        py: Python<'py>,
        dtype: Option<&Bound<'py, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if copy == Some(false) {
            return Err(PyValueError::new_err(
                "xp arrays cannot be viewed by NumPy without a copy (copy=False)",
            ));
        }
        let h = self.a.to_host().py()?;
        let (bytes, typestr) = convert::encode(&h)?;
        let np = py.import("numpy")?;
        let buf = PyByteArray::new(py, &bytes);
        let arr = np
            .call_method1("frombuffer", (buf, typestr))?
            .call_method1("reshape", (PyTuple::new(py, self.a.shape())?,))?;
        match dtype {
            Some(d) if !d.is_none() => arr.call_method1("astype", (d,)),
            _ => Ok(arr),
        }
    }
}
