//! Helpers shared by the kernel tests.
#![allow(dead_code)]

use array_api::{BackendCore, Element, IndexArray, Layout};
use backend_cpu::{Cpu, CpuStorage};

pub fn st<T: Element>(v: Vec<T>) -> CpuStorage {
    Cpu.from_host(T::into_host(v)).unwrap()
}

pub fn iota(n: usize) -> CpuStorage {
    st((0..n as i64).collect::<Vec<i64>>())
}

pub fn down<T: Element>(s: &CpuStorage, l: &Layout) -> Vec<T> {
    Cpu.to_host(s, l, T::DTYPE).unwrap().to_vec::<T>().unwrap()
}

pub fn all<T: Element>(s: &CpuStorage) -> Vec<T> {
    s.slice::<T>().unwrap().to_vec()
}

pub mod ew;

pub fn ix<'a>(s: &'a CpuStorage, l: &'a Layout) -> IndexArray<'a, CpuStorage> {
    IndexArray {
        storage: s,
        layout: l,
    }
}
