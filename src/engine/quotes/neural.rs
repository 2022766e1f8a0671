//! A second attribution tagger: a bidirectional LSTM with a CRF layer over the same tokens.
//!
//! The linear CRF (`tagger.rs`) sees three words either side; the network reads the whole
//! paragraph in both directions, so where a content ends can depend on what comes after it.
//! The two make different mistakes: the tagger averages their marginal label probabilities.
//!
//! Each token's input is the sum of one learned vector per feature name it has, for the
//! subset of the linear tagger's feature names the network was trained on (the word, its
//! suffix and shape, its word classes, the nearest listed cues, quotation marks, the
//! position in the sentence and the rules' reading), through `tanh`. Names the network did
//! not see in training add nothing.
//!
//! The weights (`neural_weights.bin.gz`) are fitted on PolNeAR train by
//! `scripts/train_neural_tagger.py` (PyTorch) from what `examples/tagger_data.rs` writes:
//! a comment line, the feature names one a line, a blank line, then three `u32` (names,
//! input size, hidden size) and the matrices as little-endian half-precision floats, gzipped
//! (half precision keeps the file near 2 MB).

use std::io::Read as _;

use rustc_hash::FxHashMap;

use super::tagger::N_LABELS;

/// One direction of the LSTM. Gates are stacked in PyTorch's order: input, forget, cell,
/// output. The matrices are stored transposed (one row of `4 * hidden` gate weights per
/// input), so that a product is a sum of contiguous rows, which the compiler vectorises.
#[derive(Debug)]
struct Lstm {
    /// `input` rows of `4 * hidden` columns.
    input_weights: Vec<f32>,
    /// `hidden` rows of `4 * hidden` columns.
    hidden_weights: Vec<f32>,
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
    let x = x.clamp(-87.0, 87.0);
    let n = (x * std::f32::consts::LOG2_E).round();
    let r = x - n * std::f32::consts::LN_2;
    // Taylor terms to r^6 (|r| <= ln 2 / 2).
    let p = 1.0
        + r * (1.0
            + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r / 720.0)))));
    p * f32::from_bits(((n as i32 + 127) as u32) << 23)
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
        let embedding = body.f32s(n_names * input_size)?;
        let lstm = |body: &mut Body| -> Result<Lstm, WeightsError> {
            Ok(Lstm {
                input_weights: transpose(&body.f32s(gates * input_size)?, gates, input_size),
                hidden_weights: transpose(&body.f32s(gates * hidden_size)?, gates, hidden_size),
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
        })
    }

    /// The embedding row of a feature name's key, if the network knows it.
    pub fn row(&self, feature_key: u64) -> Option<u32> {
        self.rows.get(&feature_key).copied()
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
    pub fn emissions(&self, inputs: Vec<f32>) -> Vec<[f32; N_LABELS]> {
        // Compiled once more for each instruction set the processor may have (AVX2, say) and
        // run in the best one it has: the same operations in the same order, so the same
        // results, 8 lanes at a time instead of 4.
        self.arch.dispatch(
            #[inline(always)]
            || self.emissions_inlined(inputs),
        )
    }

    /// [`Network::emissions`], inlined into its caller so that it compiles for the caller's
    /// instruction set.
    #[inline(always)]
    fn emissions_inlined(&self, mut inputs: Vec<f32>) -> Vec<[f32; N_LABELS]> {
        let (d, h) = (self.input_size, self.hidden_size);
        let n = inputs.len() / d.max(1);
        for x in &mut inputs {
            *x = tanh(*x);
        }
        let forward = self.run(&self.forward, &inputs, (0..n).collect::<Vec<_>>());
        let backward = self.run(&self.backward, &inputs, (0..n).rev().collect::<Vec<_>>());
        (0..n)
            .map(|k| {
                std::array::from_fn(|label| {
                    let w = &self.output_weights[label * 2 * h..][..2 * h];
                    let (wf, wb) = w.split_at(h);
                    self.output_bias[label]
                        + dot(wf, &forward[k * h..][..h])
                        + dot(wb, &backward[k * h..][..h])
                })
            })
            .collect()
    }

    /// The hidden states of one direction, indexed by token, visiting tokens in `order`.
    #[inline(always)]
    fn run(&self, lstm: &Lstm, inputs: &[f32], order: Vec<usize>) -> Vec<f32> {
        let (d, h) = (self.input_size, self.hidden_size);
        let mut states = vec![0.0f32; order.len() * h];
        let mut hidden = vec![0.0f32; h];
        let mut cell = vec![0.0f32; h];
        let mut gates = vec![0.0f32; 4 * h];
        for k in order {
            gates.copy_from_slice(&lstm.bias);
            let x = &inputs[k * d..][..d];
            for (&xi, row) in x.iter().zip(lstm.input_weights.chunks_exact(4 * h)) {
                add_scaled(&mut gates, xi, row);
            }
            for (&hi, row) in hidden.iter().zip(lstm.hidden_weights.chunks_exact(4 * h)) {
                add_scaled(&mut gates, hi, row);
            }
            // In place: the gates become their activations, then the cell and hidden state.
            let (input_gates, rest) = gates.split_at_mut(h);
            let (forget_gates, rest) = rest.split_at_mut(h);
            let (candidates, output_gates) = rest.split_at_mut(h);
            for j in 0..h {
                let input_gate = sigmoid(input_gates[j]);
                let forget_gate = sigmoid(forget_gates[j]);
                let candidate = tanh(candidates[j]);
                cell[j] = forget_gate * cell[j] + input_gate * candidate;
            }
            for j in 0..h {
                hidden[j] = sigmoid(output_gates[j]) * tanh(cell[j]);
            }
            states[k * h..][..h].copy_from_slice(&hidden);
        }
        states
    }
}

/// `acc += scale * row`.
#[inline(always)]
fn add_scaled(acc: &mut [f32], scale: f32, row: &[f32]) {
    if scale == 0.0 {
        return;
    }
    for (a, r) in acc.iter_mut().zip(row) {
        *a += scale * r;
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
        let bytes = self.take(n * 2)?;
        Ok(bytes
            .chunks_exact(2)
            .map(|b| f16_to_f32(u16::from_le_bytes([b[0], b[1]])))
            .collect())
    }
}

/// An IEEE half-precision float's bits as an `f32` (exact: every half is an `f32`).
fn f16_to_f32(bits: u16) -> f32 {
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f32::from(bits & 0x3ff);
    match exponent {
        0 => sign * mantissa * 2f32.powi(-24),
        31 if mantissa == 0.0 => sign * f32::INFINITY,
        31 => f32::NAN,
        _ => sign * (1.0 + mantissa / 1024.0) * 2f32.powi(exponent - 15),
    }
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
        assert!(network.emissions(network.empty_inputs(0)).is_empty());
        let mut inputs = network.empty_inputs(3);
        for (token, name) in ["w=he", "w=said", "w=no"].into_iter().enumerate() {
            let key = crate::engine::quotes::feature_hash::feature_key(name);
            if let Some(row) = network.row(key) {
                network.add_row(&mut inputs, token, row);
            }
        }
        let scores = network.emissions(inputs);
        assert_eq!(scores.len(), 3);
        assert!(scores.iter().flatten().all(|s| s.is_finite()));
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
    fn half_precision_floats_widen_exactly() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x0000), 0.0);
        assert_eq!(f16_to_f32(0xfc00), f32::NEG_INFINITY);
        assert!(f16_to_f32(0x7e00).is_nan());
    }

    #[test]
    fn truncated_weights_are_an_error_not_a_panic() {
        let raw = b"# header\n<none>\nw=a\n\n\x02\x00\x00\x00";
        assert!(matches!(
            Network::parse(raw),
            Err(WeightsError::Malformed(_))
        ));
        assert!(Network::from_gz(b"not gzip").is_err());
    }
}
