import Dispatch
import SwiftParser
import SwiftSyntax
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The one door Lemma's readers of Swift (the program generator, the highlighter, the
/// forward-reference check) parse through, with the limits that keep swift-syntax quick.
///
/// swift-syntax caps how deep it parses, but not its lookahead: thousands of `[` overflow the
/// stack, and its lookahead for `[` takes twice as long for each level (a 24-deep array
/// literal takes 16 s here). Nor its recovery: a type body of 800 lines like `title: t` takes
/// 74 s, each line's recovery looking through all the lines after it. All found by
/// lemma-fuzz. Code deeper than the limits below, or whose parse runs past `deadline`, is not
/// parsed by Lemma (the compiler still compiles or reports it: its own parser is not slowed).
public enum SwiftCodeShape {
  /// The deepest nesting of all brackets together that is parsed.
  public static let maximumNesting = 100
  /// The deepest nesting of `[` that is parsed (16 levels take 0.1 s).
  public static let maximumSquareBrackets = 12

  /// The deepest syntax tree that recursive swift-syntax passes (its highlighting classifier)
  /// are given. A chain of postfix operations (`a![x](y)![x](y)…`, found by lemma-fuzz) nests
  /// one level per link without a bracket left open, so the bracket count cannot see it:
  /// 7,500 levels overflowed the stack.
  public static let maximumSyntaxDepth = 1000

  /// Whether `tree` nests deeper than `maximumSyntaxDepth`, walked without recursion and
  /// stopping as soon as it does.
  public static func isTooDeep(_ tree: some SyntaxProtocol) -> Bool {
    var stack: [(node: Syntax, depth: Int)] = [(Syntax(tree), 1)]
    while let (node, depth) = stack.popLast() {
      if depth > maximumSyntaxDepth { return true }
      for child in node.children(viewMode: .all) { stack.append((child, depth + 1)) }
    }
    return false
  }

  /// `code` parsed by swift-syntax, or nil when it is nested past the limits (before parsing,
  /// by its brackets; after, by its tree's depth) or its parse runs past `deadline`.
  public static func parse(_ code: String) -> SourceFileSyntax? {
    guard !isTooDeep(code), !slowCode.contains(code) else { return nil }
    guard let tree = parseWithinDeadline(code) else { return nil }
    return isTooDeep(tree) ? nil : tree
  }

  /// How long one parse may take: swift-syntax reads well-formed Swift at megabytes a second,
  /// so only a recovery that has gone quadratic comes near it.
  public static func deadline(forBytes count: Int) -> Double { 1 + Double(count) / 1_000_000 }

  /// Code shorter than this is parsed on the caller's thread, without a deadline.
  static let threadedBytes = 256

  /// Code whose parse ran past its deadline, never parsed again by this process.
  private static let slowCode = SlowCode()

  /// Parses on a thread of its own and waits until `deadline`; past it, the parse is left to
  /// finish on its own (swift-syntax cannot be stopped) and nil is returned. A thread of its
  /// own, not a dispatch queue's: the callers may themselves be all of a queue's threads
  /// (`concurrentPerform` in a render), and would then wait for a parse that never starts.
  private static func parseWithinDeadline(_ code: String) -> SourceFileSyntax? {
    // Waiting on another thread costs a few hundred microseconds (0.8 s over the 1,000-block
    // notebook of benchmarks/size.sh); under `threadedBytes` the quadratic recovery cannot
    // take long (a quarter kilobyte of `a:b` lines: a tenth of a second), so it parses here.
    guard code.utf8.count >= threadedBytes else { return Parser.parse(source: code) }
    let job = ParseJob()
    startDetachedThread(stackSize: 8 << 20) {
      job.tree = Parser.parse(source: code)
      job.done.signal()
    }
    guard job.done.wait(timeout: .now() + deadline(forBytes: code.utf8.count)) == .success else {
      slowCode.insert(code)
      return nil
    }
    return job.tree
  }

  /// Whether `code` is nested past the limits.
  public static func isTooDeep(_ code: String) -> Bool {
    let depth = nestingDepth(code)
    return depth.all > maximumNesting || depth.squareBrackets > maximumSquareBrackets
  }

  /// The deepest nesting of all brackets together, and of `[` alone, in `code`, counted
  /// without regard to strings or comments (an overestimate, which only costs a parse).
  public static func nestingDepth(_ code: String) -> (all: Int, squareBrackets: Int) {
    var depth = 0
    var squares = 0
    var angles = 0
    var deepest = (all: 0, squareBrackets: 0)
    for byte in code.utf8 {
      switch byte {
      case UInt8(ascii: "("), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "}"): depth = max(0, depth - 1)
      case UInt8(ascii: "["): squares += 1
      case UInt8(ascii: "]"): squares = max(0, squares - 1)
      case UInt8(ascii: "<"): angles += 1
      case UInt8(ascii: ">"): angles = max(0, angles - 1)
      case UInt8(ascii: "\n"): angles = 0
      default: continue
      }
      deepest = (max(deepest.all, depth + squares + angles), max(deepest.squareBrackets, squares))
    }
    return deepest
  }
}

/// One parse on its way: the tree, set before `done` is signalled.
private final class ParseJob: @unchecked Sendable {
  var tree: SourceFileSyntax?
  let done = DispatchSemaphore(value: 0)
}

/// A set of code strings shared by every thread.
private final class SlowCode: @unchecked Sendable {
  private let lock = Lock()
  private var codes: Set<String> = []

  func contains(_ code: String) -> Bool { lock.withLock { codes.contains(code) } }
  func insert(_ code: String) { _ = lock.withLock { codes.insert(code) } }
}
