//! Stage 4: measurements of the module graph — metrics, cycles, clustering, quality figures.
//! Pure functions of the graph: no I/O, no printing.

pub mod compare;
pub mod leiden;
