//! How deeply a script nests, estimated from its tokens before swc parses it.
//!
//! swc's parser is recursive descent: every nested bracket, prefix operator,
//! assignment, conditional, arrow or JSX element is a few more stack frames,
//! and a stack overflow aborts the whole process (it cannot be caught). So
//! [`crate::parse`] first runs this one pass over the bytes, which adds up the
//! stack the parser may need at each point ([`Estimate`]), and refuses text
//! that would need more than its budget, with a "nested too deeply" error at
//! the deepest point.
//!
//! The pass is deliberately conservative: what it cannot tell apart it counts
//! (a `/` after `)` starts a regex, brackets inside strings and comments count
//! as open), so real code comes out deeper than it is, never shallower.
//! Chains the parser builds in a loop (`a.b.c…`, `a + b + c…`, `else if`) cost
//! nothing here; the visitors and `crate::stack` handle their depth.

/// Stack bytes per level: 64 MB divided by the deepest nesting of each
/// construct that swc 47 parses on a 64 MB thread, the larger of a debug
/// build (dependencies at opt-level 1) and a release build (whose inlined
/// frames are often larger), with about 10% headroom.
mod cost {
    /// `(`: parentheses, calls, parameter lists (release: 3.3 KB).
    pub const PAREN: u64 = 3_600;
    /// `[`: arrays, computed members, array patterns (release: 2.1 KB).
    pub const BRACKET: u64 = 2_300;
    /// `{`: blocks, objects, function and class bodies (release: 2.4 KB).
    pub const BRACE: u64 = 2_700;
    /// `${` in a template literal (release: 2.2 KB).
    pub const TEMPLATE: u64 = 2_500;
    /// A JSX element (release: 2.1 KB).
    pub const JSX: u64 = 2_400;
    /// `=>`: an arrow function (release: 2.7 KB).
    pub const ARROW: u64 = 3_000;
    /// `<` after an operand: a comparison, or TypeScript type arguments
    /// (2.2 KB).
    pub const ANGLE: u64 = 2_500;
    /// `function` and `class`, on top of their braces.
    pub const FUNCTION: u64 = 1_500;
    /// Prefix operators, `typeof`-like keywords, assignments, `?`, `:`, `**`
    /// (release: 0.7 KB for an assignment).
    pub const OP: u64 = 800;
    /// A statement nested in `if`, `for`, `while`, `do`, `with` (release:
    /// 1.1 KB).
    pub const STATEMENT: u64 = 1_300;
}

/// The most stack one token can add: a text of `n` bytes needs at most `n`
/// times this.
pub const MAX_COST: u64 = cost::PAREN;

/// What parsing a text may need, at its deepest point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Estimate {
    /// Stack bytes the parser may need.
    pub bytes: u64,
    /// Nesting levels (brackets, operators, statements) at that point.
    pub levels: u64,
    /// Byte offset of that point.
    pub offset: usize,
    /// The most labels (`a: b: c: …`) open at once, and where: swc's parser
    /// takes time and memory quadratic in them.
    pub labels: (u64, usize),
    /// The longest `else if` chain, and where it reaches that length:
    /// swc's parser takes time quadratic in it.
    pub else_ifs: (u64, usize),
    /// The most TypeScript type assertions (`<T>x`) open at once, and where:
    /// swc's parser takes time more than quadratic in them.
    pub assertions: (u64, usize),
    /// The longest chain of postfix links (`.a`, `[i]`, `(x)`, `?.b`), and
    /// where it ends: the parser builds it in a loop, but its tree is as
    /// deep as it is long.
    pub chain: (u64, usize),
    /// The longest run of binary operators (`a + b - c …`) at one level, and
    /// where: a loop in the parser too, and as deep a tree.
    pub terms: (u64, usize),
}

/// What the current level of brackets holds.
#[derive(Debug, Clone, Copy, Default)]
struct Level {
    /// The bracket (or template `${`) that opened it; 0 for the file.
    open: u8,
    /// Its own cost.
    cost: u64,
    /// Operators that end at `,` or `;` of this level: bytes, count.
    ops: (u64, u64),
    /// Statements and JSX elements pending until the level closes.
    sticky: (u64, u64),
    /// Possible labels pending until `;` of this level.
    labels: u64,
    /// The `else if` branches of the chain going on at this level.
    else_ifs: u64,
    /// TypeScript type assertions pending until `,` or `;` of this level.
    assertions: u64,
    /// Binary operators since `,` or `;` of this level.
    terms: u64,
    /// The chain of postfix links the bracket continues (`a.b(` …).
    chain: u64,
}

/// Where the scanner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Code,
    /// Inside a string, template text, regex or comment (`quote` is the
    /// quote, `/` for a regex, [`LINE`] or [`BLOCK`] for a comment), with
    /// the level height at its start: closers inside cannot close what was
    /// open before it.
    Quoted {
        quote: u8,
        floor: usize,
        class: bool,
    },
}

/// [`Mode::Quoted`] in a `//` comment.
const LINE: u8 = 1;
/// [`Mode::Quoted`] in a `/* */` comment.
const BLOCK: u8 = 2;

/// What an identifier is to the scanner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    /// A name, or a keyword that ends an operand (`this`, `null`, …).
    Name,
    /// A prefix operator (`typeof`, `new`, `await`, TypeScript's `keyof`, …):
    /// one more level each; an expression follows.
    Prefix,
    /// `function`, `class`: their body adds to their braces.
    Function,
    /// A statement keyword whose body is a nested statement.
    Statement,
    /// A keyword after which an expression (a regex, a JSX element) may start.
    Operator,
    /// `else` (one frame, and `else if` is a loop in the parser).
    Else,
    /// `do`: a nested statement, then a block may follow.
    Do,
    /// `try`, `finally`: a block follows.
    Block,
    /// `namespace`, `module`: a dotted name follows, one level per dot.
    Namespace,
}

fn word(word: &[u8]) -> Word {
    // Keywords are 2 to 10 lowercase letters.
    if !(2..=10).contains(&word.len()) || !word[0].is_ascii_lowercase() {
        return Word::Name;
    }
    match word {
        b"typeof" | b"void" | b"delete" | b"new" | b"await" | b"yield" | b"throw" | b"keyof"
        | b"unique" | b"readonly" | b"infer" | b"asserts" => Word::Prefix,
        b"function" | b"class" => Word::Function,
        b"if" | b"for" | b"while" | b"with" => Word::Statement,
        b"return" | b"instanceof" | b"in" | b"of" | b"case" | b"default" | b"extends" => {
            Word::Operator
        }
        b"else" => Word::Else,
        b"do" => Word::Do,
        b"try" | b"finally" => Word::Block,
        b"namespace" | b"module" => Word::Namespace,
        _ => Word::Name,
    }
}

/// Bytes of an identifier (ASCII letters, digits, `_`, `$`, escapes, and any
/// byte of a non-ASCII character).
const IDENT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'\\' || c >= 0x80;
        b += 1;
    }
    table
};

/// [`CLASS`] of spaces and line breaks.
const SPACE: u8 = 1;
/// [`CLASS`] of the bytes that start an identifier.
const IDENT_START: u8 = 2;

/// What each byte starts in code.
const CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else if IDENT[b] && !c.is_ascii_digit() {
            IDENT_START
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Bytes that matter inside quoted text and comments; the rest is skipped.
const QUOTED_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let stops = b"\\\n\r'\"`/*$()[]{}<";
    let mut i = 0;
    while i < stops.len() {
        table[stops[i] as usize] = true;
        i += 1;
    }
    table
};

struct Scanner {
    levels: Vec<Level>,
    bytes: u64,
    count: u64,
    labels: u64,
    best: Estimate,
}

impl Scanner {
    fn top(&mut self) -> &mut Level {
        self.levels
            .last_mut()
            .expect("the file level is never popped")
    }

    fn note(&mut self, at: usize) {
        if self.bytes > self.best.bytes {
            self.best.bytes = self.bytes;
            self.best.levels = self.count;
            self.best.offset = at;
        }
        if self.labels > self.best.labels.0 {
            self.best.labels = (self.labels, at);
        }
    }

    fn push(&mut self, open: u8, cost: u64, at: usize) {
        self.levels.push(Level {
            open,
            cost,
            ..Level::default()
        });
        self.bytes += cost;
        self.count += 1;
        self.note(at);
    }

    /// Closes the innermost level (never the file's); returns it.
    fn pop(&mut self) -> Option<Level> {
        if self.levels.len() == 1 {
            return None;
        }
        let level = self.levels.pop()?;
        self.bytes -= level.cost + level.ops.0 + level.sticky.0;
        self.count -= 1 + level.ops.1 + level.sticky.1;
        self.labels -= level.labels;
        Some(level)
    }

    fn op(&mut self, cost: u64, at: usize) {
        let top = self.top();
        top.ops.0 += cost;
        top.ops.1 += 1;
        self.bytes += cost;
        self.count += 1;
        self.note(at);
    }

    fn sticky(&mut self, cost: u64, at: usize) {
        let top = self.top();
        top.sticky.0 += cost;
        top.sticky.1 += 1;
        self.bytes += cost;
        self.count += 1;
        self.note(at);
    }

    /// `,` or `;`: the operators of this level have ended.
    fn reset(&mut self, labels_too: bool) {
        let top = self.top();
        let (bytes, count) = std::mem::take(&mut top.ops);
        top.assertions = 0;
        top.terms = 0;
        let labels = if labels_too {
            std::mem::take(&mut top.labels)
        } else {
            0
        };
        self.bytes -= bytes;
        self.count -= count;
        self.labels -= labels;
    }

    /// One more `else if` in the chain of this level (`more`), or a
    /// statement that ends it.
    fn else_if(&mut self, more: bool, at: usize) {
        let top = self.top();
        top.else_ifs = if more { top.else_ifs + 1 } else { 0 };
        let run = top.else_ifs;
        if run > self.best.else_ifs.0 {
            self.best.else_ifs = (run, at);
        }
    }

    fn binary(&mut self, at: usize) {
        let top = self.top();
        top.terms += 1;
        let run = top.terms;
        if run > self.best.terms.0 {
            self.best.terms = (run, at);
        }
    }

    fn assertion(&mut self, at: usize) {
        let top = self.top();
        top.assertions += 1;
        let open = top.assertions;
        if open > self.best.assertions.0 {
            self.best.assertions = (open, at);
        }
    }

    fn label(&mut self, at: usize) {
        self.top().labels += 1;
        self.labels += 1;
        self.note(at);
    }
}

/// Estimates the stack swc's parser needs for `text`; `jsx` when the syntax
/// has JSX (`<a>` in an expression is an element, not a type assertion).
pub fn estimate(text: &str, jsx: bool) -> Estimate {
    let bytes = text.as_bytes();
    let mut s = Scanner {
        levels: vec![Level::default()],
        bytes: 0,
        count: 0,
        labels: 0,
        best: Estimate::default(),
    };
    let mut mode = Mode::Code;
    // Whether the previous token ends an operand (then `/` divides, `<`
    // compares and `+` adds) or an expression may start (then `/` starts a
    // regex and `<` a JSX element). After `)` and `}` it is ambiguous: a `/`
    // is then taken for a regex, which hides less.
    let mut operand = false;
    let mut ambiguous = false;
    let mut after_else = false;
    // In `namespace a.b.c {` (TypeScript) the parser recurses at each dot.
    let mut dotted_name = false;
    // The previous token was an identifier that may be a label, and where
    // the token before it left off: a label follows `;`, `{`, `}`, `:` or
    // the start.
    let mut statement_start = true;
    let mut maybe_label = false;
    // A `{` here opens a block (its first statement may be a label), not an
    // object literal: after `;`, `)`, `{`, `}`, `=>`, a label, `else`, `do`,
    // `try`, `finally` and at the start.
    let mut block_next = true;
    // Postfix links since the operand started, and the longest such chain.
    let mut chain: u64 = 0;
    let mut longest_chain: (u64, usize) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match mode {
            Mode::Quoted {
                quote,
                floor,
                class,
            } => {
                if !QUOTED_STOP[usize::from(b)] {
                    let rest = &bytes[i + 1..];
                    i += 1 + rest
                        .iter()
                        .position(|&c| QUOTED_STOP[usize::from(c)])
                        .unwrap_or(rest.len());
                    continue;
                }
                match b {
                    b'\\' if quote > BLOCK => i += 1,
                    b'\n' | b'\r' if quote != b'`' && quote != BLOCK => {
                        mode = Mode::Code;
                        // After a comment, the token before it still counts.
                        if quote != LINE {
                            (operand, ambiguous) = (true, false);
                        }
                    }
                    b'*' if quote == BLOCK && bytes.get(i + 1) == Some(&b'/') => {
                        mode = Mode::Code;
                        i += 1;
                    }
                    _ if b == quote && !class && quote > BLOCK => {
                        mode = Mode::Code;
                        (operand, ambiguous) = (true, false);
                    }
                    b'[' if quote == b'/' => {
                        mode = Mode::Quoted {
                            quote,
                            floor,
                            class: true,
                        };
                        s.push(b'[', cost::BRACKET, i);
                    }
                    b']' if quote == b'/' && class => {
                        mode = Mode::Quoted {
                            quote,
                            floor,
                            class: false,
                        };
                        if s.levels.len() > floor {
                            s.pop();
                        }
                    }
                    b'$' if quote == b'`' && bytes.get(i + 1) == Some(&b'{') => {
                        // Template code: back to code until the matching `}`.
                        s.push(b'$', cost::TEMPLATE, i);
                        mode = Mode::Code;
                        (operand, ambiguous) = (false, false);
                        statement_start = false;
                        i += 1;
                    }
                    // Brackets in quoted text might be code the scanner took
                    // for text: they count, and close only what opened inside.
                    b'(' => s.push(b'(', cost::PAREN, i),
                    b'[' => s.push(b'[', cost::BRACKET, i),
                    b'{' => s.push(b'{', cost::BRACE, i),
                    b'<' if jsx && bytes.get(i + 1).is_some_and(|&n| is_ident_start(n)) => {
                        s.push(b'<', cost::JSX, i)
                    }
                    b')' | b']' | b'}' | b'<'
                        if (b != b'<' || (jsx && bytes.get(i + 1) == Some(&b'/')))
                            && s.levels.len() > floor =>
                    {
                        s.pop();
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            Mode::Code => {}
        }
        // Code.
        let class = CLASS[usize::from(b)];
        if class == SPACE {
            let rest = &bytes[i + 1..];
            i += 1 + rest
                .iter()
                .position(|&c| CLASS[usize::from(c)] != SPACE)
                .unwrap_or(rest.len());
            continue;
        }
        if b == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*')) {
            mode = Mode::Quoted {
                quote: if bytes[i + 1] == b'/' { LINE } else { BLOCK },
                floor: s.levels.len(),
                class: false,
            };
            i += 2;
            continue;
        }
        let was_label = std::mem::take(&mut maybe_label);
        let at_statement = std::mem::replace(&mut statement_start, false);
        let was_else = std::mem::take(&mut after_else);
        let was_ambiguous = std::mem::take(&mut ambiguous);
        let block_here = std::mem::take(&mut block_next);
        if class == IDENT_START {
            let start = i;
            i += 1;
            i += ident_len(&bytes[i..]);
            let kind = word(&bytes[start..i]);
            let else_if = was_else && &bytes[start..i] == b"if";
            if else_if || (at_statement && kind != Word::Else) {
                s.else_if(else_if, start);
            }
            match kind {
                Word::Prefix => s.op(cost::OP, start),
                Word::Function => s.op(cost::FUNCTION, start),
                Word::Statement if !(was_else && &bytes[start..i] == b"if") => {
                    s.sticky(cost::STATEMENT, start)
                }
                Word::Do => s.sticky(cost::STATEMENT, start),
                Word::Else => after_else = true,
                Word::Namespace => dotted_name = true,
                _ => {}
            }
            operand = matches!(kind, Word::Name | Word::Namespace);
            maybe_label = at_statement && operand;
            block_next = matches!(kind, Word::Else | Word::Do | Word::Block);
            longest_chain = longest_chain.max((chain, i));
            chain = 0;
            continue;
        }
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                // `/>` ends a JSX element; a sibling may follow.
                s.pop();
                operand = false;
                i += 2;
            }
            b'/' if !operand || was_ambiguous => {
                mode = Mode::Quoted {
                    quote: b'/',
                    floor: s.levels.len(),
                    class: false,
                };
                i += 1;
            }
            b'\'' | b'"' | b'`' => {
                longest_chain = longest_chain.max((chain, i));
                chain = 0;
                mode = Mode::Quoted {
                    quote: b,
                    floor: s.levels.len(),
                    class: false,
                };
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                dotted_name = false;
                if operand && b != b'{' {
                    chain += 1;
                } else {
                    longest_chain = longest_chain.max((chain, i));
                    chain = 0;
                }
                let cost = match b {
                    b'(' => cost::PAREN,
                    b'[' => cost::BRACKET,
                    _ => cost::BRACE,
                };
                s.push(b, cost, i);
                s.top().chain = chain;
                chain = 0;
                operand = false;
                statement_start = b == b'{' && block_here;
                block_next = b == b'{';
                i += 1;
            }
            b')' | b']' | b'}' => {
                let opened = s.pop();
                i += 1;
                longest_chain = longest_chain.max((chain, i));
                chain = opened.map_or(0, |level| level.chain);
                if b == b'}' && opened.is_some_and(|level| level.open == b'$') {
                    // Back in the template's text.
                    mode = Mode::Quoted {
                        quote: b'`',
                        floor: s.levels.len(),
                        class: false,
                    };
                    continue;
                }
                // `)` and `]` end operands; after `}` an expression (a JSX
                // child) may start.
                operand = b != b'}';
                ambiguous = b != b']';
                statement_start = b == b'}';
                block_next = b != b']';
            }
            b',' | b';' => {
                dotted_name = false;
                s.reset(b == b';');
                operand = false;
                statement_start = b == b';';
                block_next = b == b';';
                i += 1;
            }
            b'<' => {
                let next = bytes.get(i + 1).copied();
                if next == Some(b'/') {
                    // `</a>`: the end of a JSX element.
                    if jsx {
                        s.pop();
                    }
                    i += 2;
                    operand = false;
                } else if jsx && !operand && next.is_some_and(|n| is_ident_start(n) || n == b'>') {
                    s.push(b'<', cost::JSX, i);
                    operand = false;
                    i += 1;
                } else {
                    if !jsx && !operand {
                        s.assertion(i);
                    }
                    if operand {
                        s.binary(i);
                    }
                    s.op(cost::ANGLE, i);
                    operand = false;
                    i += operator_len(&bytes[i..]);
                }
            }
            b'=' if bytes.get(i + 1) == Some(&b'>') => {
                s.op(cost::ARROW, i);
                block_next = true;
                operand = false;
                i += 2;
            }
            b'?' => {
                let next = bytes.get(i + 1).copied();
                if next == Some(b'?') {
                    // `??`, `??=`
                    if bytes.get(i + 2) == Some(&b'=') {
                        s.op(cost::OP, i);
                        i += 3;
                    } else {
                        i += 2;
                    }
                } else if next == Some(b'.') && !bytes.get(i + 2).is_some_and(u8::is_ascii_digit) {
                    // `?.`: optional chaining, a loop in the parser.
                    i += 2;
                } else {
                    s.op(cost::OP, i);
                    i += 1;
                }
                operand = false;
            }
            b':' => {
                if was_label {
                    s.label(i);
                    statement_start = true;
                    block_next = true;
                }
                s.op(cost::OP, i);
                operand = false;
                i += 1;
            }
            b'.' if bytes.get(i + 1) == Some(&b'.') && bytes.get(i + 2) == Some(&b'.') => {
                s.op(cost::OP, i);
                operand = false;
                i += 3;
            }
            b'.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                // A member access: the name after it is a property, never a
                // keyword.
                if dotted_name {
                    s.op(cost::OP, i);
                }
                chain += 1;
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'#') {
                    i += 1;
                }
                i += ident_len(&bytes[i..]);
                operand = true;
            }
            b'0'..=b'9' | b'.' => {
                longest_chain = longest_chain.max((chain, i));
                chain = 0;
                i += 1;
                while i < bytes.len() {
                    let c = bytes[i];
                    if matches!(c, b'e' | b'E')
                        && matches!(bytes.get(i + 1), Some(b'+' | b'-'))
                        && bytes[..i]
                            .iter()
                            .rev()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .all(|c| c.is_ascii_digit() || *c == b'.')
                    {
                        i += 2;
                    } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
                        i += 1;
                    } else {
                        break;
                    }
                }
                operand = true;
            }
            b'!' | b'~' | b'+' | b'-' | b'*' | b'%' | b'&' | b'|' | b'^' | b'>' | b'=' => {
                let len = operator_len(&bytes[i..]);
                let token = &bytes[i..i + len];
                let assignment = token.ends_with(b"=")
                    && !matches!(token, b"==" | b"===" | b"!=" | b"!==" | b"<=" | b">=");
                let prefix = !operand && matches!(token, b"!" | b"~" | b"+" | b"-" | b"++" | b"--");
                if assignment || prefix || token == b"**" {
                    s.op(cost::OP, i);
                } else if operand && !matches!(token, b"++" | b"--" | b"!") {
                    s.binary(i);
                }
                // `a++` / `a!` (TypeScript) leave an operand.
                operand = operand && matches!(token, b"++" | b"--" | b"!");
                i += len;
            }
            _ => {
                // `@`, `#`, non-ASCII outside identifiers, stray bytes.
                operand = false;
                i += 1;
            }
        }
    }
    s.best.chain = longest_chain.max((chain, bytes.len()));
    s.best
}

/// The length of the operator at the start of `rest` (at least 1).
fn operator_len(rest: &[u8]) -> usize {
    let at = |i: usize| rest.get(i).copied().unwrap_or(0);
    match (at(0), at(1), at(2), at(3)) {
        (b'>', b'>', b'>', b'=') => 4,
        (b'=', b'=', b'=', _)
        | (b'!', b'=', b'=', _)
        | (b'*', b'*', b'=', _)
        | (b'<', b'<', b'=', _)
        | (b'>', b'>', b'=', _)
        | (b'>', b'>', b'>', _)
        | (b'&', b'&', b'=', _)
        | (b'|', b'|', b'=', _) => 3,
        (
            b'=' | b'!' | b'<' | b'>' | b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^',
            b'=',
            ..,
        )
        | (b'&', b'&', ..)
        | (b'|', b'|', ..)
        | (b'+', b'+', ..)
        | (b'-', b'-', ..)
        | (b'*', b'*', ..)
        | (b'<', b'<', ..)
        | (b'>', b'>', ..) => 2,
        _ => 1,
    }
}

/// The length of the identifier bytes at the start of `rest`.
fn ident_len(rest: &[u8]) -> usize {
    rest.iter()
        .position(|&b| !IDENT[usize::from(b)])
        .unwrap_or(rest.len())
}

fn is_ident_start(b: u8) -> bool {
    IDENT[usize::from(b)] && !b.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::cost::*;
    use super::*;

    /// The stack estimated for `text` (with JSX).
    fn bytes(text: &str) -> u64 {
        estimate(text, true).bytes
    }

    #[test]
    fn operators_are_read_whole() {
        for op in [
            ">>>=", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "==", "!=", "<=", ">=",
            "&&", "||", "++", "--", "**", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
            "^=", "=", "!", "+", "-", "*", "%", "&", "|", "^", ">", "<",
        ] {
            assert_eq!(operator_len(format!("{op}a").as_bytes()), op.len(), "{op}");
        }
    }

    #[test]
    fn max_cost_is_the_largest() {
        for cost in [
            PAREN, BRACKET, BRACE, TEMPLATE, JSX, ARROW, ANGLE, FUNCTION, OP, STATEMENT,
        ] {
            assert!(cost <= MAX_COST);
        }
    }

    #[test]
    fn brackets_count_and_close() {
        assert_eq!(bytes("f(a, [b, {c: 1}])"), PAREN + BRACKET + BRACE + OP);
        assert_eq!(bytes("f(a); g(b); h(c)"), PAREN);
        let deep = format!("x = {}1{}", "(".repeat(500), ")".repeat(500));
        let e = estimate(&deep, true);
        assert_eq!(e.levels, 501);
        assert_eq!(e.bytes, 500 * PAREN + OP);
        assert_eq!(e.offset, 4 + 499);
    }

    #[test]
    fn operators_end_at_commas_and_semicolons() {
        assert_eq!(bytes("a = b = c = d"), 3 * OP);
        assert_eq!(bytes("a = 1, b = 2, c = 3"), OP);
        assert_eq!(bytes("x = !!!!a; y = 1"), 5 * OP);
        assert_eq!(bytes("x = a ? b ? c : d : e"), 5 * OP);
        assert_eq!(bytes("x = y => z => 1"), OP + 2 * ARROW);
        // Binary operators and member chains are loops in the parser.
        assert_eq!(bytes("x = a + b * c - d / e"), OP);
        assert_eq!(bytes("x = a.b.c.d?.e(1).f"), OP + PAREN);
        assert_eq!(bytes("x = a++ + -b"), 2 * OP);
    }

    #[test]
    fn strings_comments_and_regexes_hide_closers_not_openers() {
        // A closer in a string does not close the call it is in.
        assert_eq!(bytes("f(g(\")))\"), 1)"), 2 * PAREN);
        assert_eq!(bytes("f(/* ) */ 1)"), PAREN);
        // An opener in a string counts.
        assert_eq!(bytes("f('(', 1)"), 2 * PAREN);
        // `/` after an operand divides; elsewhere it starts a regex.
        assert_eq!(bytes("x = a / (b) / c"), OP + PAREN);
        assert_eq!(bytes("x = /[)]/.test(s)"), OP + PAREN);
        assert_eq!(bytes("x = /[(]/"), OP + BRACKET + PAREN);
    }

    #[test]
    fn template_code_is_code() {
        assert_eq!(
            bytes("x = `a ${ f(`b ${ g(1) }`) } c`"),
            OP + 2 * TEMPLATE + 2 * PAREN
        );
        assert_eq!(
            bytes("x = `a ${b} c ${d}`; y = (1)"),
            OP + TEMPLATE.max(PAREN)
        );
    }

    #[test]
    fn jsx_elements_nest() {
        assert_eq!(bytes("x = <a><b><c/></b></a>"), OP + 3 * JSX);
        assert_eq!(bytes("x = <a><b></b><b></b><b/></a>"), OP + 2 * JSX);
        assert_eq!(bytes("x = <p>{a}<b>{c}</b></p>"), OP + 2 * JSX + BRACE);
        // A comparison is not an element.
        assert_eq!(bytes("if (a<b) f()"), STATEMENT + PAREN + ANGLE);
        assert_eq!(
            estimate("if (a<b) f()", false).bytes,
            STATEMENT + PAREN + ANGLE
        );
    }

    #[test]
    fn statements_stay_open_until_their_level_closes() {
        assert_eq!(bytes("if (a) b(); if (c) d()"), 2 * STATEMENT + PAREN);
        assert_eq!(
            bytes("f(function () { if (a) b() })"),
            PAREN + FUNCTION + BRACE + STATEMENT + PAREN
        );
        // `else if` is a loop.
        assert_eq!(
            bytes("if (a) {} else if (b) {} else if (c) {}"),
            STATEMENT + PAREN.max(BRACE)
        );
    }

    #[test]
    fn chains_are_measured() {
        assert_eq!(estimate("x = a.b.c(1)[2].d; y = e.f", true).chain.0, 5);
        assert_eq!(
            estimate(&format!("let x: T{};", "[]".repeat(300)), false)
                .chain
                .0,
            300
        );
        assert_eq!(estimate("x = f(a.b) + g", true).chain.0, 1);
    }

    #[test]
    fn runs_of_binary_operators_are_measured() {
        let sum = format!("x = 1{}; y = 1 + 2", " + 1 * 2".repeat(300));
        assert_eq!(estimate(&sum, true).terms.0, 600);
        assert_eq!(estimate("x = a < b && c >= d, y = e | f", true).terms.0, 3);
        assert_eq!(estimate("x = !a + -b; y = a++ + ++b", true).terms.0, 1);
    }

    #[test]
    fn else_if_chains_are_measured() {
        let chain = "if (a) f();".to_owned() + &" else if (a) f();".repeat(300);
        assert_eq!(estimate(&chain, true).else_ifs.0, 300);
        let braces = "if (a) {}".to_owned() + &" else if (a) {} ".repeat(300) + " else {}";
        assert_eq!(estimate(&braces, true).else_ifs.0, 300);
        // Chains one after the other, and chains in other blocks, do not add.
        let many = format!("{} {}", &chain, &chain) + &format!("function f() {{ {chain} }}");
        assert_eq!(estimate(&many, true).else_ifs.0, 300);
    }

    #[test]
    fn type_assertions_are_counted_in_typescript() {
        let nested = format!("x = {}a;", "<T>".repeat(300));
        assert_eq!(estimate(&nested, false).assertions.0, 300);
        assert_eq!(
            estimate("x = <T>a; y = <T>b, z = a < b;", false)
                .assertions
                .0,
            1
        );
    }

    #[test]
    fn labels_are_counted() {
        let e = estimate("a: b: c: for (;;) break a; x = {d: 1}", true);
        assert_eq!(e.labels.0, 3);
        assert_eq!(estimate("a: { b: { c: 1 } }", true).labels.0, 3);
        assert_eq!(
            estimate("if (x) { a: while (1) break a }", true).labels.0,
            1
        );
        // Keys of nested object literals are not labels.
        let objects = format!("x = {}1{}", "{a: ".repeat(5000), "}".repeat(5000));
        assert_eq!(estimate(&objects, true).labels.0, 0);
        assert_eq!(estimate("f({a: {b: 1}}, () => ({c: 1}))", true).labels.0, 0);
        let chain = "a:".repeat(2000) + "x;";
        assert_eq!(estimate(&chain, true).labels.0, 2000);
    }

    #[test]
    fn every_recursive_construct_is_counted() {
        let n = 1000;
        for (text, per_level) in [
            (format!("x = {}1{}", "(".repeat(n), ")".repeat(n)), PAREN),
            (format!("x = {}{}", "[".repeat(n), "]".repeat(n)), BRACKET),
            (format!("x = {}{}", "f(".repeat(n), ")".repeat(n)), PAREN),
            (format!("x = {}1{}", "a?".repeat(n), ":0".repeat(n)), OP),
            (format!("x = {}0", "a?1:".repeat(n)), OP),
            (format!("x = {}1{}", "{a:".repeat(n), "}".repeat(n)), BRACE),
            (format!("x = {}a", "!".repeat(n)), OP),
            (format!("x = {}a", "- ".repeat(n)), OP),
            (format!("x = {}a", "typeof ".repeat(n)), OP),
            (format!("x = {}a", "new ".repeat(n)), OP),
            (format!("x = {}1", "a=".repeat(n)), OP),
            (format!("x = {}1", "y=>".repeat(n)), ARROW),
            (format!("x = {}1", "(y)=>".repeat(n)), ARROW),
            (format!("{}0", "if (a) ".repeat(n)), STATEMENT),
            (format!("{}0", "for(;;)".repeat(n)), STATEMENT),
            (format!("{}0;", "do ".repeat(n)), STATEMENT),
            (
                format!("x = {}1{}", "`${".repeat(n), "}`".repeat(n)),
                TEMPLATE,
            ),
            (format!("x = {}{}", "<a>".repeat(n), "</a>".repeat(n)), JSX),
            (
                format!("x = {}1{}", "<a b={".repeat(n), "}/>".repeat(n)),
                JSX + BRACE,
            ),
            (
                format!("{}{}", "function f(){".repeat(n), "}".repeat(n)),
                FUNCTION + BRACE,
            ),
            (
                format!("x = {}{}", "class A{m(){return ".repeat(n), "}}".repeat(n)),
                FUNCTION + 2 * BRACE,
            ),
            (format!("{}a{} = x", "[".repeat(n), "]".repeat(n)), BRACKET),
            (
                format!("let x: {}B{};", "A<".repeat(n), ">".repeat(n)),
                ANGLE,
            ),
            (format!("namespace a{} {{}}", ".b".repeat(n)), OP),
            (format!("type X = {}T;", "keyof ".repeat(n)), OP),
        ] {
            let e = estimate(&text, true);
            assert!(
                e.bytes >= n as u64 * per_level,
                "{}…: {} bytes",
                &text[..20],
                e.bytes
            );
        }
    }
}
