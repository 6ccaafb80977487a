//! proptest strategies for the suite: dtypes, shapes, element values and strided views.
//!
//! Every generated input is backend-independent data (a [`TestArray`]: host values, a
//! shape and a [`ViewRecipe`]) that can be materialised identically on the backend under
//! test and on [`Reference`](crate::Reference), so both see the same logical array with
//! the same (possibly non-contiguous) layout.

mod dtypes;
mod shapes;
mod values;
mod views;

pub use dtypes::{dtype_in, split_supported};
pub use shapes::{broadcast_pair, broadcastable_to, dim, incompatible_pair, shape, shape_with};
pub use values::{host_data, ArbElement};
pub use views::{test_array, test_array_in, view_recipe, TestArray, ViewRecipe};
