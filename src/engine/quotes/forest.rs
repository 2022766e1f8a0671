//! Gradient-boosted tree ensembles over named features, as `scripts/train_selection.py`
//! writes them.
//!
//! A feature is a flag (present: value 1, absent: 0) or a number, both named by their
//! [`feature_key`] (numbers as `#name`). Each split sends a candidate left when its value is
//! at most the threshold; a model's score is the sum of the leaves reached, a log-odds.
//! Scoring many candidates shares one dense buffer of the features the splits read, so a
//! split is an array read, not a hash lookup.

use rustc_hash::FxHashMap;

use super::feature_hash::{extend_key, feature_key, parse_key};

/// One node: a split that goes to `left` when the feature at `feature` (a dense index) is
/// at most `threshold`, else to `right`. A leaf goes to itself both ways and holds its value
/// in `threshold`, so that a walk may take more steps than its tree is deep: trees are
/// walked several at a time for a fixed number of steps, without a branch on the data.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Node {
    feature: u32,
    threshold: f32,
    left: u32,
    right: u32,
}

/// Trees walked side by side: their loads and compares overlap.
const GROUP_TREES: usize = 8;

/// Named models, each a sum of trees.
#[derive(Debug, Default)]
pub struct Forest {
    /// The dense index of each feature key a split reads.
    index: FxHashMap<u64, u32>,
    nodes: Vec<Node>,
    /// Each model's trees, as the position of their roots in `nodes` with the tree's depth
    /// (the most steps from the root to a leaf), deepest first.
    roots: Vec<Vec<(u32, u32)>>,
}

/// The features of one item: flags and named numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    pub flags: Vec<String>,
    pub values: Vec<(&'static str, f32)>,
}

impl Features {
    pub fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// Every feature's key and value (1 for a flag).
    fn keyed(&self) -> impl Iterator<Item = (u64, f32)> + '_ {
        let flags = self.flags.iter().map(|f| (feature_key(f), 1.0));
        let number = feature_key("#");
        let values = self
            .values
            .iter()
            .map(move |&(name, value)| (extend_key(number, name), value));
        flags.chain(values)
    }
}

/// A line of the trees file, parsed.
enum Line {
    Split {
        key: u64,
        threshold: f32,
        left: u32,
        right: u32,
    },
    Leaf(f32),
}

/// A tree's lines: its model (by position) and number, and its nodes by number, in file
/// order.
type TreeLines = ((usize, u32), Vec<(u32, Line)>);

fn parse_line(fields: &[&str]) -> Option<Line> {
    match fields {
        ["leaf", value] => Some(Line::Leaf(value.parse().ok()?)),
        [key, threshold, left, right] => Some(Line::Split {
            key: parse_key(key)?,
            threshold: threshold.parse().ok()?,
            left: left.parse().ok()?,
            right: right.parse().ok()?,
        }),
        _ => None,
    }
}

impl Forest {
    /// Reads `model<TAB>tree<TAB>node<TAB>…` lines (see `scripts/train_selection.py`) for the
    /// named models, in their order; other lines, and trees whose nodes do not form a tree,
    /// are left out (the tests check that none is).
    pub fn parse(tsv: &str, models: &[&str]) -> Forest {
        let mut trees: Vec<TreeLines> = Vec::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [model, tree, number, rest @ ..] = fields.as_slice() else {
                continue;
            };
            let (Some(model), Ok(tree), Ok(number), Some(node)) = (
                models.iter().position(|m| m == model),
                tree.parse::<u32>(),
                number.parse::<u32>(),
                parse_line(rest),
            ) else {
                continue;
            };
            match trees.last_mut() {
                Some((id, nodes)) if *id == (model, tree) => nodes.push((number, node)),
                _ => trees.push(((model, tree), vec![(number, node)])),
            }
        }
        let mut forest = Forest {
            roots: vec![Vec::new(); models.len()],
            ..Forest::default()
        };
        for ((model, _), mut lines) in trees {
            lines.sort_by_key(|(number, _)| *number);
            let n = lines.len() as u32;
            let well_formed = lines.iter().enumerate().all(|(k, (number, line))| {
                *number == k as u32
                    && match line {
                        // A split to itself would read as a leaf.
                        Line::Split { left, right, .. } => {
                            *left < n && *right < n && *left != k as u32 && *right != k as u32
                        }
                        Line::Leaf(_) => true,
                    }
            });
            if !well_formed {
                continue;
            }
            let base = forest.nodes.len() as u32;
            for (number, line) in lines {
                let node = match line {
                    Line::Leaf(value) => Node {
                        feature: 0,
                        threshold: value,
                        left: base + number,
                        right: base + number,
                    },
                    Line::Split {
                        key,
                        threshold,
                        left,
                        right,
                    } => {
                        let next = forest.index.len() as u32;
                        Node {
                            feature: *forest.index.entry(key).or_insert(next),
                            threshold,
                            left: base + left,
                            right: base + right,
                        }
                    }
                };
                forest.nodes.push(node);
            }
            let Some(depth) = forest.depth(base, n) else {
                forest.nodes.truncate(base as usize);
                continue;
            };
            forest.roots[model].push((base, depth));
        }
        for roots in &mut forest.roots {
            roots.sort_by_key(|&(root, depth)| (std::cmp::Reverse(depth), root));
        }
        forest
    }

    /// The depth of the tree of `n` nodes at `root`, if each node is reached once (no cycle,
    /// no shared child).
    fn depth(&self, root: u32, n: u32) -> Option<u32> {
        let mut seen = vec![false; n as usize];
        let mut depth = 0;
        let mut stack = vec![(root, 0)];
        while let Some((k, d)) = stack.pop() {
            let node = self.nodes[k as usize];
            let seen = seen.get_mut((k - root) as usize)?;
            if std::mem::replace(seen, true) {
                return None;
            }
            depth = depth.max(d);
            if node.left != k {
                stack.extend([(node.left, d + 1), (node.right, d + 1)]);
            }
        }
        Some(depth)
    }

    /// The number of trees of each model.
    #[cfg(test)]
    pub fn tree_counts(&self) -> Vec<usize> {
        self.roots.iter().map(Vec::len).collect()
    }

    /// The number of nodes of all trees.
    #[cfg(test)]
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Each item's score (log-odds) under each model, in model order.
    pub fn scores(&self, items: &[Features]) -> Vec<Vec<f32>> {
        // At least one slot: a leaf reads slot 0, and either way leads back to it.
        let mut dense = vec![0.0f32; self.index.len().max(1)];
        let mut set = Vec::new();
        items
            .iter()
            .map(|features| {
                for (key, value) in features.keyed() {
                    if let Some(&k) = self.index.get(&key) {
                        dense[k as usize] = value;
                        set.push(k);
                    }
                }
                let scores = self
                    .roots
                    .iter()
                    .map(|roots| self.sum_of_leaves(roots, &dense))
                    .collect();
                for k in set.drain(..) {
                    dense[k as usize] = 0.0;
                }
                scores
            })
            .collect()
    }

    /// The sum of the leaves that these trees (deepest first) reach, walked
    /// [`GROUP_TREES`] at a time for as many steps as the deepest of them needs.
    fn sum_of_leaves(&self, roots: &[(u32, u32)], dense: &[f32]) -> f32 {
        let mut total = 0.0;
        for group in roots.chunks(GROUP_TREES) {
            let mut at = [0u32; GROUP_TREES];
            for (k, &(root, _)) in at.iter_mut().zip(group) {
                *k = root;
            }
            let at = &mut at[..group.len()];
            for _ in 0..group[0].1 {
                for k in at.iter_mut() {
                    let node = self.nodes[*k as usize];
                    *k = if dense[node.feature as usize] <= node.threshold {
                        node.left
                    } else {
                        node.right
                    };
                }
            }
            total += at
                .iter()
                .map(|&k| self.nodes[k as usize].threshold)
                .sum::<f32>();
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        format!("{:016x}", feature_key(name))
    }

    fn forest() -> Forest {
        let tsv = format!(
            "# comment\n\
             a\t0\t0\t{flag}\t1e-35\t1\t2\n\
             a\t0\t1\tleaf\t-1\n\
             a\t0\t2\t{number}\t0.5\t3\t4\n\
             a\t0\t3\tleaf\t0.25\n\
             a\t0\t4\tleaf\t2\n\
             a\t1\t0\tleaf\t0.5\n\
             b\t0\t0\tleaf\t3\n\
             b\t1\t0\t{flag}\t0.5\t1\t7\n\
             b\t1\t1\tleaf\t3\n\
             b\t2\t0\t{flag}\t0.5\t0\t0\n\
             b\t3\t0\t{flag}\t0.5\t1\t2\n\
             b\t3\t1\tleaf\t1\n\
             b\t3\t2\t{flag}\t0.5\t0\t1\n\
             c\t0\t0\tleaf\t9\n",
            flag = key("cue=said"),
            number = key("#pspan"),
        );
        Forest::parse(&tsv, &["a", "b"])
    }

    #[test]
    fn a_score_is_the_sum_of_the_leaves_reached() {
        let forest = forest();
        // b's second tree points past its nodes, its third to itself and its fourth back
        // to its root: all are left out; c is no model asked for.
        assert_eq!(forest.tree_counts(), [2, 1]);
        let items = [
            Features::default(),
            Features {
                flags: vec!["cue=said".into(), "other".into()],
                values: vec![("pspan", 0.5)],
            },
            Features {
                flags: vec!["cue=said".into()],
                values: vec![("pspan", 0.75)],
            },
            Features::default(),
        ];
        assert_eq!(
            forest.scores(&items),
            [
                vec![-0.5, 3.0],
                vec![0.75, 3.0],
                vec![2.5, 3.0],
                vec![-0.5, 3.0]
            ]
        );
    }

    #[test]
    fn a_number_is_keyed_by_its_name_after_a_hash_sign() {
        let features = Features {
            flags: vec!["x".into()],
            values: vec![("pspan", 0.5)],
        };
        let keys: Vec<u64> = features.keyed().map(|(k, _)| k).collect();
        assert_eq!(keys, [feature_key("x"), feature_key("#pspan")]);
    }
}
