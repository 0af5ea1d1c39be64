//! English language knowledge: the embedded lexicon and the part-of-speech tagger.

pub mod clause;
pub mod lexicon;
pub mod parser;
pub mod tagger;

/// Ask the processor to bring the cache line of `items[at]` into its cache, so that a read
/// of it soon after does not wait for memory (nothing if `at` is out of bounds, or on
/// processors this does not know). Look-ups in the large embedded tables issue these for a
/// whole batch of keys before they read any, so that the misses overlap.
#[inline(always)]
pub(crate) fn prefetch<T>(items: &[T], at: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(p) = items.get(at) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch is a hint: it reads nothing the program sees and cannot fault
        // (the pointer is valid anyway), and SSE, which it needs, is part of every x86-64
        // processor.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(p).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (items, at);
}
