//! A second attribution tagger: a bidirectional LSTM with a CRF layer over the same tokens.
//!
//! The linear CRF (`tagger.rs`) sees three words either side; the network reads the whole
//! paragraph in both directions, so where a content ends can depend on what comes after it.
//! The two make different mistakes: the tagger averages their marginal label probabilities.
//!
//! Each token's input is the sum of one learned vector per feature name it has, for the
//! subset of the linear tagger's feature names the network was trained on (the word, its
//! suffix and shape, its word classes, listed and learned, the nearest listed cues,
//! quotation marks, the position in the sentence and the rules' reading), through `tanh`.
//! Names the network did not see in training add nothing.
//!
//! The weights (`neural_weights_seed2.bin.gz`) are fitted by `scripts/train_neural_tagger.py`
//! (PyTorch) on what `examples/tagger_data.rs` writes for PolNeAR train, plus unannotated news
//! labelled by a fine-tuned transformer too slow to ship (`scripts/distill_tagger.py`). The
//! file: a comment line, the feature names one a line, a blank line, then three `u32` (names,
//! input size, hidden size), the embedding as one half-precision scale per row and then
//! signed bytes (a row's numbers are its bytes times its scale), and the other matrices as
//! little-endian half-precision floats, gzipped. Bytes for the embedding, nine tenths of
//! the numbers, keep the file near 1.4 MB.

use std::io::Read as _;

use rustc_hash::FxHashMap;

use super::tagger::N_LABELS;

/// One direction of the LSTM. Gates are stacked in PyTorch's order: input, forget, cell,
/// output. The matrices are stored transposed (one row of `4 * hidden` gate weights per
/// input), so that a product is a sum of contiguous rows, which the compiler vectorises.
#[derive(Debug)]
struct Lstm {
    /// `input + hidden` rows of `4 * hidden` columns: the weights of a token's input, then
    /// those of the previous hidden state.
    weights: Vec<f32>,
    /// Both of PyTorch's biases, summed.
    bias: Vec<f32>,
}

/// The network's weights.
#[derive(Debug)]
pub struct Network {
    /// Feature-name key (as the linear tagger hashes it) → row of `embedding`.
    rows: FxHashMap<u64, u32>,
    input_size: usize,
    hidden_size: usize,
    embedding: Vec<f32>,
    forward: Lstm,
    backward: Lstm,
    /// `N_LABELS` rows of `2 * hidden` columns.
    output_weights: Vec<f32>,
    output_bias: [f32; N_LABELS],
    /// `transition[from][to]`.
    pub transition: [[f32; N_LABELS]; N_LABELS],
    /// The instruction set to run in, detected once at load.
    arch: pulp::Arch,
    /// Whether the processor has a fused multiply-add instruction, which does a product and
    /// a sum in one step: then the LSTM's products use it (twice the throughput, and one
    /// rounding instead of two, so the scores differ from an unfused run in the last bits).
    fused: bool,
}

/// Why a weights file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("cannot decompress the network weights: {0}")]
    Gzip(#[from] std::io::Error),
    #[error("malformed network weights: {0}")]
    Malformed(&'static str),
}

/// `e^x` to about 1e-7 relative error, without a library call: 2^n times a polynomial on
/// the remainder. Plain arithmetic, so loops over it vectorise; the activations are most of
/// the network's time otherwise.
#[inline(always)]
fn fast_exp(x: f32) -> f32 {
    // Adding 1.5 × 2^23 rounds to the nearest integer (ties to even), which then sits in the
    // low bits of the sum: no rounding or conversion instruction, so the loops vectorise.
    const ROUNDER: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 87.0);
    let rounded = x * std::f32::consts::LOG2_E + ROUNDER;
    let n = rounded - ROUNDER;
    let r = x - n * std::f32::consts::LN_2;
    // Taylor terms to r^6 (|r| <= ln 2 / 2).
    let p = 1.0
        + r * (1.0
            + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r / 720.0)))));
    let n_bits = rounded.to_bits().wrapping_sub(ROUNDER.to_bits());
    p * f32::from_bits(n_bits.wrapping_add(127) << 23)
}

#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + fast_exp(-x))
}

#[inline(always)]
fn tanh(x: f32) -> f32 {
    2.0 * sigmoid(2.0 * x) - 1.0
}

impl Network {
    pub fn from_gz(gz: &[u8]) -> Result<Network, WeightsError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(gz).read_to_end(&mut raw)?;
        Self::parse(&raw)
    }

    fn parse(raw: &[u8]) -> Result<Network, WeightsError> {
        let header_end = raw
            .iter()
            .position(|&b| b == b'\n')
            .ok_or(WeightsError::Malformed("no header line"))?;
        let rest = &raw[header_end + 1..];
        let names_end = rest
            .windows(2)
            .position(|w| w == b"\n\n")
            .ok_or(WeightsError::Malformed("no end of the feature names"))?;
        let names = std::str::from_utf8(&rest[..names_end])
            .map_err(|_| WeightsError::Malformed("feature names are not UTF-8"))?;
        let mut body = Body(&rest[names_end + 2..]);
        let n_names = body.u32()? as usize;
        let input_size = body.u32()? as usize;
        let hidden_size = body.u32()? as usize;
        // Far above any network worth running, and low enough that no size below overflows.
        if input_size > 1 << 12 || hidden_size > 1 << 12 {
            return Err(WeightsError::Malformed("implausible layer sizes"));
        }
        let rows: FxHashMap<u64, u32> = names
            .split('\n')
            .enumerate()
            .skip(1) // row 0 is the padding row, named `<none>`
            .map(|(row, name)| (super::feature_hash::feature_key(name), row as u32))
            .collect();
        if rows.len() + 1 != n_names {
            return Err(WeightsError::Malformed("feature names and rows differ"));
        }
        let gates = 4 * hidden_size;
        let embedding = body.scaled_bytes(n_names, input_size)?;
        let lstm = |body: &mut Body| -> Result<Lstm, WeightsError> {
            let mut weights = transpose(&body.f32s(gates * input_size)?, gates, input_size);
            weights.extend(transpose(
                &body.f32s(gates * hidden_size)?,
                gates,
                hidden_size,
            ));
            Ok(Lstm {
                weights,
                bias: body.f32s(gates)?,
            })
        };
        let forward = lstm(&mut body)?;
        let backward = lstm(&mut body)?;
        let output_weights = body.f32s(N_LABELS * 2 * hidden_size)?;
        let output_bias: [f32; N_LABELS] = body
            .f32s(N_LABELS)?
            .try_into()
            .map_err(|_| WeightsError::Malformed("output bias"))?;
        let flat = body.f32s(N_LABELS * N_LABELS)?;
        let transition =
            std::array::from_fn(|from| std::array::from_fn(|to| flat[from * N_LABELS + to]));
        if !body.0.is_empty() {
            return Err(WeightsError::Malformed("trailing bytes"));
        }
        Ok(Network {
            rows,
            input_size,
            hidden_size,
            embedding,
            forward,
            backward,
            output_weights,
            output_bias,
            transition,
            arch: pulp::Arch::new(),
            fused: has_fused_multiply_add(),
        })
    }

    /// How many numbers a token's input has.
    pub fn input_size(&self) -> usize {
        self.input_size
    }

    /// The embedding row of a feature name's key, if the network knows it.
    pub fn row(&self, feature_key: u64) -> Option<u32> {
        self.rows.get(&feature_key).copied()
    }

    /// Every feature key the network has a row for, with the row.
    pub fn rows(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.rows.iter().map(|(&key, &row)| (key, row))
    }

    /// A zeroed input for `n_tokens` tokens, to which [`Network::add_row`] adds features.
    pub fn empty_inputs(&self, n_tokens: usize) -> Vec<f32> {
        vec![0.0; n_tokens * self.input_size]
    }

    /// Adds the vector of embedding `row` to token `token`'s input.
    pub fn add_row(&self, inputs: &mut [f32], token: usize, row: u32) {
        let d = self.input_size;
        let source = &self.embedding[row as usize * d..][..d];
        for (a, b) in inputs[token * d..][..d].iter_mut().zip(source) {
            *a += b;
        }
    }

    /// Each token's label scores (before the transitions), from the summed feature vectors
    /// of [`Network::empty_inputs`].
    #[cfg(test)]
    pub fn emissions(&self, inputs: &[f32]) -> Vec<[f32; N_LABELS]> {
        self.emissions_many(&[inputs.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// Each paragraph's token label scores (before the transitions), from the summed feature
    /// vectors of [`Network::empty_inputs`], for many paragraphs at once: the same numbers as
    /// one at a time, several times faster. The LSTM steps through all paragraphs in
    /// lockstep, so each weight is read once per step for all of them.
    pub fn emissions_many(&self, inputs: &[Vec<f32>]) -> Vec<Vec<[f32; N_LABELS]>> {
        // Compiled once more for each instruction set the processor may have (AVX2, say) and
        // run in the best one it has: the same operations in the same order, so the same
        // results, 8 or 16 lanes at a time instead of 4. (A struct rather than a closure:
        // a closure is called through a shim that the compiler may leave out of line, and
        // then the work runs in the baseline instruction set.)
        self.arch.dispatch(EmissionsMany {
            network: self,
            inputs,
        })
    }

    /// [`Network::emissions_many`], inlined into its caller so that it compiles for the
    /// caller's instruction set.
    #[inline(always)]
    fn emissions_many_inlined<S: pulp::Simd>(
        &self,
        simd: S,
        inputs: &[Vec<f32>],
    ) -> Vec<Vec<[f32; N_LABELS]>> {
        let (d, h) = (self.input_size, self.hidden_size);
        let lengths: Vec<usize> = inputs.iter().map(|x| x.len() / d.max(1)).collect();
        let mut tokens: Vec<f32> = inputs.concat();
        for x in &mut tokens {
            *x = tanh(*x);
        }
        let forward = self.run(simd, &self.forward, &tokens, &lengths, Direction::Forward);
        let backward = self.run(simd, &self.backward, &tokens, &lengths, Direction::Backward);
        let mut scores = (0..forward.len() / h.max(1)).map(|k| {
            std::array::from_fn(|label| {
                let w = &self.output_weights[label * 2 * h..][..2 * h];
                let (wf, wb) = w.split_at(h);
                self.output_bias[label]
                    + dot(wf, &forward[k * h..][..h])
                    + dot(wb, &backward[k * h..][..h])
            })
        });
        lengths
            .iter()
            .map(|&n| scores.by_ref().take(n).collect())
            .collect()
    }

    /// The hidden states of one direction for paragraphs of `lengths` tokens laid end to end
    /// in `tokens` (`input_size` numbers each), indexed like the tokens.
    #[inline(always)]
    fn run<S: pulp::Simd>(
        &self,
        simd: S,
        lstm: &Lstm,
        tokens: &[f32],
        lengths: &[usize],
        direction: Direction,
    ) -> Vec<f32> {
        let (d, h) = (self.input_size, self.hidden_size);
        let gates_size = 4 * h;
        // Longest paragraph first, so that the paragraphs still running at a step are a prefix.
        let mut by_length: Vec<(usize, usize)> = Vec::with_capacity(lengths.len());
        let mut start = 0;
        for &n in lengths {
            by_length.push((n, start));
            start += n;
        }
        by_length.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
        let longest = by_length.first().map_or(0, |&(n, _)| n);
        let mut states = vec![0.0f32; start * h];
        let mut hidden = vec![0.0f32; by_length.len() * h];
        let mut cell = vec![0.0f32; by_length.len() * h];
        // Per running paragraph: the token's input, then the previous hidden state.
        let mut steps_in: Vec<f32> = Vec::with_capacity(by_length.len() * (d + h));
        let mut gates: Vec<f32> = Vec::with_capacity(by_length.len() * gates_size);
        for step in 0..longest {
            let running = by_length.partition_point(|&(n, _)| n > step);
            let token = |&(n, start): &(usize, usize)| match direction {
                Direction::Forward => start + step,
                Direction::Backward => start + n - 1 - step,
            };
            gates.clear();
            for _ in 0..running {
                gates.extend_from_slice(&lstm.bias);
            }
            // The last group's padding.
            let padded = running.next_multiple_of(GROUP_ROWS);
            gates.resize(padded * gates_size, 0.0);
            steps_in.clear();
            steps_in.resize(padded * (d + h), 0.0);
            for (b, paragraph) in by_length[..running].iter().enumerate() {
                let input = &tokens[token(paragraph) * d..][..d];
                let previous = &hidden[b * h..][..h];
                put_row(&mut steps_in, d + h, b, input.iter().chain(previous));
            }
            if self.fused {
                add_product::<S, true>(
                    simd,
                    &mut gates,
                    &steps_in,
                    d + h,
                    &lstm.weights,
                    gates_size,
                );
            } else {
                add_product::<S, false>(
                    simd,
                    &mut gates,
                    &steps_in,
                    d + h,
                    &lstm.weights,
                    gates_size,
                );
            }
            for (b, paragraph) in by_length[..running].iter().enumerate() {
                let gates = &gates[b * gates_size..][..gates_size];
                let cell = &mut cell[b * h..][..h];
                let hidden = &mut hidden[b * h..][..h];
                let (input_gate, rest) = gates.split_at(h);
                let (forget_gate, rest) = rest.split_at(h);
                let (candidate, output_gate) = rest.split_at(h);
                for j in 0..h {
                    cell[j] = sigmoid(forget_gate[j]) * cell[j]
                        + sigmoid(input_gate[j]) * tanh(candidate[j]);
                }
                for j in 0..h {
                    hidden[j] = sigmoid(output_gate[j]) * tanh(cell[j]);
                }
                states[token(paragraph) * h..][..h].copy_from_slice(hidden);
            }
        }
        states
    }
}

/// [`Network::emissions_many`]'s work, for [`pulp::Arch::dispatch`].
struct EmissionsMany<'a> {
    network: &'a Network,
    inputs: &'a [Vec<f32>],
}

impl pulp::WithSimd for EmissionsMany<'_> {
    type Output = Vec<Vec<[f32; N_LABELS]>>;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) -> Self::Output {
        self.network.emissions_many_inlined(simd, self.inputs)
    }
}

/// Which way an LSTM reads a paragraph.
#[derive(Clone, Copy)]
enum Direction {
    Forward,
    Backward,
}

/// Whether `f32::mul_add` is one instruction here rather than a call to a slow software
/// routine.
fn has_fused_multiply_add() -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    {
        std::arch::is_x86_feature_detected!("fma")
    }
    #[cfg(target_arch = "aarch64")]
    {
        true
    }
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64")))]
    {
        false
    }
}

/// `sum + a * b`, fused into one operation (one rounding) when `FUSED`.
#[inline(always)]
fn multiply_add<const FUSED: bool>(a: f32, b: f32, sum: f32) -> f32 {
    if FUSED {
        a.mul_add(b, sum)
    } else {
        sum + a * b
    }
}

/// How many rows [`add_product`] computes together: each step's vectors of `w` then serve
/// twelve multiply-adds instead of eight. With the rows interleaved, one network over 32
/// articles took 70.1 ms against 74.1 ms with four rows and 82.8 ms with four rows apart
/// (`cargo bench --bench analysis -- "tagger network"`, round 54).
const GROUP_ROWS: usize = 6;

/// Writes row `row` (`inner` numbers) of a matrix laid out as [`add_product`] reads its
/// `a`: in groups of [`GROUP_ROWS`] rows, each group interleaved.
fn put_row<'a>(
    groups: &mut [f32],
    inner: usize,
    row: usize,
    numbers: impl Iterator<Item = &'a f32>,
) {
    let group = &mut groups[row / GROUP_ROWS * GROUP_ROWS * inner..][..GROUP_ROWS * inner];
    for (i, &x) in numbers.take(inner).enumerate() {
        group[i * GROUP_ROWS + row % GROUP_ROWS] = x;
    }
}

/// How many SIMD vectors of columns [`add_block`] keeps per row: with [`GROUP_ROWS`] rows,
/// 12 vector registers of sums, which with the strip of `w` and one number fit the 16 of
/// AVX2 (and every other instruction set's register file).
const STRIP_VECTORS: usize = 2;

/// `out += a · w` for `a` of `inner` columns and `w` of `inner` rows of `columns`: each
/// output is its start plus the products in order of `inner`, added one at a time (each
/// with one rounding when `FUSED`). `out` is row-major; `a` is in groups of [`GROUP_ROWS`]
/// rows, each group interleaved (its rows' first numbers side by side, then their second…),
/// so that one pointer walks a group: with one per row, the compiler kept the pointers on
/// the stack and reloaded them at every step. Both are in whole groups (pad with zeros).
///
/// Blocked so that a group's sums over a strip of columns stay in registers while one pass
/// reads the strip of `w` once for them all.
#[inline(always)]
fn add_product<S: pulp::Simd, const FUSED: bool>(
    simd: S,
    out: &mut [f32],
    a: &[f32],
    inner: usize,
    w: &[f32],
    columns: usize,
) {
    if inner == 0 {
        return;
    }
    let rows = a.len() / inner;
    assert!(rows % GROUP_ROWS == 0 && out.len() == rows * columns);
    let strip = STRIP_VECTORS * S::F32_LANES;
    let strips = columns / strip * strip;
    for first_column in (0..strips).step_by(strip) {
        for (group, out) in a
            .chunks_exact(GROUP_ROWS * inner)
            .zip(out.chunks_exact_mut(GROUP_ROWS * columns))
        {
            add_block::<S, GROUP_ROWS, FUSED>(simd, out, group, inner, w, (first_column, columns));
        }
    }
    for (group, out) in a
        .chunks_exact(GROUP_ROWS * inner)
        .zip(out.chunks_exact_mut(GROUP_ROWS * columns))
    {
        for (r, out) in out.chunks_exact_mut(columns).enumerate() {
            for (column, sum) in out.iter_mut().enumerate().skip(strips) {
                for i in 0..inner {
                    let number = group[i * GROUP_ROWS + r];
                    *sum = multiply_add::<FUSED>(number, w[i * columns + column], *sum);
                }
            }
        }
    }
}

/// [`add_product`] for one group of `R` rows and [`STRIP_VECTORS`] vectors of columns from
/// `first_column`, written with explicit vectors: left to the auto-vectoriser, the sums were
/// sometimes spilled to the stack after unrelated changes elsewhere (five times slower).
#[inline(always)]
fn add_block<S: pulp::Simd, const R: usize, const FUSED: bool>(
    simd: S,
    out: &mut [f32],
    a: &[f32],
    inner: usize,
    w: &[f32],
    (first_column, columns): (usize, usize),
) {
    let width = STRIP_VECTORS * S::F32_LANES;
    let load = |numbers: &[f32]| -> [S::f32s; STRIP_VECTORS] {
        let vectors: &[S::f32s] = pulp::bytemuck::cast_slice(&numbers[..width]);
        // (Not `array::from_fn`, which may be left out of line.)
        <[S::f32s; STRIP_VECTORS]>::try_from(vectors).expect("a strip is STRIP_VECTORS wide")
    };
    let mut sums = [[simd.splat_f32s(0.0); STRIP_VECTORS]; R];
    for (r, sums) in sums.iter_mut().enumerate() {
        *sums = load(&out[r * columns + first_column..]);
    }
    for (i, numbers) in a[..inner * R].chunks_exact(R).enumerate() {
        let w = load(&w[i * columns + first_column..]);
        for (sums, &number) in sums.iter_mut().zip(numbers) {
            let number = simd.splat_f32s(number);
            for (sum, &w) in sums.iter_mut().zip(&w) {
                *sum = if FUSED {
                    simd.mul_add_f32s(number, w, *sum)
                } else {
                    simd.add_f32s(*sum, simd.mul_f32s(number, w))
                };
            }
        }
    }
    for (r, sums) in sums.iter().enumerate() {
        let numbers = &mut out[r * columns + first_column..][..width];
        numbers.copy_from_slice(pulp::bytemuck::cast_slice(sums));
    }
}

/// A `rows × columns` row-major matrix as `columns × rows`.
fn transpose(m: &[f32], rows: usize, columns: usize) -> Vec<f32> {
    let mut out = vec![0.0; m.len()];
    for r in 0..rows {
        for c in 0..columns {
            out[c * rows + r] = m[r * columns + c];
        }
    }
    out
}

#[inline(always)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Four accumulators so that the compiler can vectorise without reordering one sum.
    let mut acc = [0.0f32; 4];
    let chunks = a.len() / 4 * 4;
    for (x, y) in a[..chunks].chunks_exact(4).zip(b[..chunks].chunks_exact(4)) {
        for i in 0..4 {
            acc[i] += x[i] * y[i];
        }
    }
    let tail: f32 = a[chunks..]
        .iter()
        .zip(&b[chunks..])
        .map(|(x, y)| x * y)
        .sum();
    acc.iter().sum::<f32>() + tail
}

/// A cursor over the binary part of the weights file.
struct Body<'a>(&'a [u8]);

impl Body<'_> {
    fn take(&mut self, n_bytes: usize) -> Result<&[u8], WeightsError> {
        if self.0.len() < n_bytes {
            return Err(WeightsError::Malformed("file ends early"));
        }
        let (head, tail) = self.0.split_at(n_bytes);
        self.0 = tail;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, WeightsError> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    /// `n` half-precision floats, widened.
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, WeightsError> {
        let n_bytes = n
            .checked_mul(2)
            .ok_or(WeightsError::Malformed("matrix too large"))?;
        let bytes = self.take(n_bytes)?;
        Ok(bytes
            .chunks_exact(2)
            .map(|b| f16_to_f32(u16::from_le_bytes([b[0], b[1]])))
            .collect())
    }

    /// `n_rows` rows of `n_columns` numbers stored as a half-precision scale per row, then
    /// each row's signed bytes, widened to `scale × byte`.
    fn scaled_bytes(&mut self, n_rows: usize, n_columns: usize) -> Result<Vec<f32>, WeightsError> {
        let scales = self.f32s(n_rows)?;
        let n_bytes = n_rows
            .checked_mul(n_columns)
            .ok_or(WeightsError::Malformed("embedding too large"))?;
        let bytes = self.take(n_bytes)?;
        if n_columns == 0 {
            return Ok(Vec::new());
        }
        Ok(bytes
            .chunks_exact(n_columns)
            .zip(scales)
            .flat_map(|(row, scale)| {
                row.iter()
                    .map(move |&b| f32::from(i8::from_le_bytes([b])) * scale)
            })
            .collect())
    }
}

/// An IEEE half-precision float's bits as an `f32` (exact: every half is an `f32`).
/// Moves the bits into place rather than computing powers of two, which were a tenth of the
/// time it takes to load the networks.
fn f16_to_f32(bits: u16) -> f32 {
    let sign = u32::from(bits & 0x8000) << 16;
    let exponent = u32::from((bits >> 10) & 0x1f);
    let mantissa = u32::from(bits & 0x3ff);
    let magnitude = match exponent {
        // Subnormal: mantissa × 2^-24, exact in an f32.
        0 => (f32::from(bits & 0x3ff) / 16_777_216.0).to_bits(),
        // Infinity, or NaN with its payload.
        31 => 0x7f80_0000 | (mantissa << 13),
        // Rebias the exponent (15 → 127) and widen the mantissa (10 → 23 bits).
        _ => ((exponent + 112) << 23) | (mantissa << 13),
    };
    f32::from_bits(sign | magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_weights_load_with_consistent_shapes() {
        let network = crate::engine::quotes::tagger::Weights::committed()
            .networks()
            .first()
            .expect("the committed tagger has a network");
        assert!(network.rows.len() > 1000);
        assert_eq!(
            network.embedding.len(),
            (network.rows.len() + 1) * network.input_size
        );
        let key = crate::engine::quotes::feature_hash::feature_key("w=said");
        assert!(network.row(key).is_some(), "a common word has a vector");
    }

    #[test]
    fn emissions_are_finite_for_every_token_and_empty_for_none() {
        let network = crate::engine::quotes::tagger::Weights::committed()
            .networks()
            .first()
            .expect("the committed tagger has a network");
        assert!(network.emissions(&network.empty_inputs(0)).is_empty());
        let mut inputs = network.empty_inputs(3);
        for (token, name) in ["w=he", "w=said", "w=no"].into_iter().enumerate() {
            let key = crate::engine::quotes::feature_hash::feature_key(name);
            if let Some(row) = network.row(key) {
                network.add_row(&mut inputs, token, row);
            }
        }
        let scores = network.emissions(&inputs);
        assert_eq!(scores.len(), 3);
        assert!(scores.iter().flatten().all(|s| s.is_finite()));
    }

    /// The network one paragraph and one token at a time, written as plainly as possible.
    fn emissions_one_by_one(network: &Network, inputs: &[f32]) -> Vec<[f32; N_LABELS]> {
        let (d, h) = (network.input_size, network.hidden_size);
        let x: Vec<f32> = inputs.iter().map(|&x| tanh(x)).collect();
        let n = x.len() / d;
        let run = |lstm: &Lstm, order: Vec<usize>| {
            let mut states = vec![0.0f32; n * h];
            let (mut hidden, mut cell) = (vec![0.0f32; h], vec![0.0f32; h]);
            for k in order {
                let mut gates = lstm.bias.clone();
                let step_in = x[k * d..][..d].iter().chain(&hidden);
                for (i, &v) in step_in.enumerate() {
                    for (g, &w) in gates.iter_mut().zip(&lstm.weights[i * 4 * h..][..4 * h]) {
                        *g = if network.fused {
                            v.mul_add(w, *g)
                        } else {
                            *g + v * w
                        };
                    }
                }
                for j in 0..h {
                    cell[j] = sigmoid(gates[h + j]) * cell[j]
                        + sigmoid(gates[j]) * tanh(gates[2 * h + j]);
                    hidden[j] = sigmoid(gates[3 * h + j]) * tanh(cell[j]);
                }
                states[k * h..][..h].copy_from_slice(&hidden);
            }
            states
        };
        let forward = run(&network.forward, (0..n).collect());
        let backward = run(&network.backward, (0..n).rev().collect());
        (0..n)
            .map(|k| {
                std::array::from_fn(|label| {
                    let w = &network.output_weights[label * 2 * h..][..2 * h];
                    network.output_bias[label]
                        + dot(&w[..h], &forward[k * h..][..h])
                        + dot(&w[h..], &backward[k * h..][..h])
                })
            })
            .collect()
    }

    #[test]
    fn paragraphs_in_lockstep_score_exactly_as_one_at_a_time() {
        let network = crate::engine::quotes::tagger::Weights::committed()
            .networks()
            .first()
            .expect("the committed tagger has a network");
        let words = [
            "w=he",
            "w=said",
            "w=no",
            "w=the",
            "w=\u{201c}",
            "w=.",
            "w=told",
            "w=it",
        ];
        // Lengths that leave every remainder of the blocked product, and an empty paragraph.
        let paragraphs: Vec<Vec<f32>> = [7usize, 1, 0, 12, 5, 7, 3]
            .iter()
            .enumerate()
            .map(|(p, &n)| {
                let mut inputs = network.empty_inputs(n);
                for token in 0..n {
                    for word in words.iter().skip((p + token) % 3).step_by(2 + token % 2) {
                        let key = crate::engine::quotes::feature_hash::feature_key(word);
                        if let Some(row) = network.row(key) {
                            network.add_row(&mut inputs, token, row);
                        }
                    }
                }
                inputs
            })
            .collect();
        let together = network.emissions_many(&paragraphs);
        assert_eq!(together.len(), paragraphs.len());
        for (inputs, scores) in paragraphs.iter().zip(&together) {
            assert_eq!(scores, &emissions_one_by_one(network, inputs));
        }
    }

    #[test]
    fn fast_activations_agree_with_the_library() {
        for i in -400..=400 {
            let x = i as f32 / 20.0;
            assert!((fast_exp(x) / x.exp() - 1.0).abs() < 1e-5, "{x}");
            assert!((tanh(x) - x.tanh()).abs() < 1e-5, "{x}");
            assert!((sigmoid(x) - 1.0 / (1.0 + (-x).exp())).abs() < 1e-5, "{x}");
        }
        assert!(fast_exp(-200.0) >= 0.0 && fast_exp(200.0).is_finite());
    }

    #[test]
    fn blocked_products_equal_plain_sums_in_every_instruction_set() {
        // Two groups of rows by 37 columns: whole strips in every lane width, then leftovers.
        let (rows, inner, columns) = (2 * GROUP_ROWS, 5, 37);
        let number = |k: usize| ((k * 7919 % 97) as f32 - 48.0) / 17.0;
        let a: Vec<f32> = (0..rows * inner).map(number).collect();
        let w: Vec<f32> = (0..inner * columns).map(|k| number(k + 13)).collect();
        let start: Vec<f32> = (0..rows * columns).map(|k| number(k + 29)).collect();
        let plain = |fused: bool| {
            let mut out = start.clone();
            for r in 0..rows {
                for c in 0..columns {
                    for i in 0..inner {
                        let (x, y, sum) =
                            (a[r * inner + i], w[i * columns + c], out[r * columns + c]);
                        out[r * columns + c] = if fused {
                            x.mul_add(y, sum)
                        } else {
                            sum + x * y
                        };
                    }
                }
            }
            out
        };
        struct Product<'a>(&'a [f32], &'a [f32], &'a [f32], usize, usize, bool);
        impl pulp::WithSimd for Product<'_> {
            type Output = Vec<f32>;
            fn with_simd<S: pulp::Simd>(self, simd: S) -> Vec<f32> {
                let Product(start, a, w, inner, columns, fused) = self;
                let mut out = start.to_vec();
                if fused {
                    add_product::<S, true>(simd, &mut out, a, inner, w, columns);
                } else {
                    add_product::<S, false>(simd, &mut out, a, inner, w, columns);
                }
                out
            }
        }
        // The groups' rows interleaved, as `add_product` reads them.
        let mut interleaved = vec![0.0; a.len()];
        for (r, row) in a.chunks_exact(inner).enumerate() {
            put_row(&mut interleaved, inner, r, row.iter());
        }
        for fused in [false, true] {
            let product = || Product(&start, &interleaved, &w, inner, columns, fused);
            let scalar = pulp::WithSimd::with_simd(product(), pulp::Scalar::new());
            assert_eq!(scalar, plain(fused));
            assert_eq!(pulp::Arch::new().dispatch(product()), plain(fused));
        }
    }

    #[test]
    fn half_precision_floats_widen_exactly() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x0000), 0.0);
        assert_eq!(f16_to_f32(0xfc00), f32::NEG_INFINITY);
        assert!(f16_to_f32(0x7e00).is_nan());
        assert_eq!(f16_to_f32(0x8001), -(2f32.powi(-24)));
        assert_eq!(f16_to_f32(0x8000).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
        // Every finite half against the arithmetic definition.
        for bits in 0..=u16::MAX {
            let exponent = i32::from((bits >> 10) & 0x1f);
            if exponent == 31 {
                continue;
            }
            let mantissa = f32::from(bits & 0x3ff);
            let magnitude = if exponent == 0 {
                mantissa * 2f32.powi(-24)
            } else {
                (1.0 + mantissa / 1024.0) * 2f32.powi(exponent - 15)
            };
            let expected = if bits & 0x8000 == 0 {
                magnitude
            } else {
                -magnitude
            };
            assert_eq!(
                f16_to_f32(bits).to_bits(),
                expected.to_bits(),
                "{bits:#06x}"
            );
        }
    }

    #[test]
    fn embedding_rows_are_bytes_times_their_scale() {
        // Two rows of three: scales 0.5 and 2.0 (half precision), then the bytes.
        let mut raw = Body(&[0x00, 0x38, 0x00, 0x40, 1, 0xff, 127, 0, 2, 0x81]);
        assert_eq!(
            raw.scaled_bytes(2, 3).unwrap(),
            [0.5, -0.5, 63.5, 0.0, 4.0, -254.0]
        );
        assert!(raw.0.is_empty());
        assert!(Body(&[0x00, 0x38, 1]).scaled_bytes(1, 3).is_err());
    }

    #[test]
    fn truncated_weights_are_an_error_not_a_panic() {
        let raw = b"# header\n<none>\nw=a\n\n\x02\x00\x00\x00";
        assert!(matches!(
            Network::parse(raw),
            Err(WeightsError::Malformed(_))
        ));
        assert!(Network::from_gz(b"not gzip").is_err());
        // Sizes whose products would overflow.
        let huge = b"# header\n<none>\n\n\x01\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff";
        assert!(matches!(
            Network::parse(huge),
            Err(WeightsError::Malformed(_))
        ));
    }
}
