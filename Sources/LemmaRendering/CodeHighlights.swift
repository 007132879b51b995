import Dispatch
import LemmaNotebook
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A notebook's experiment blocks highlighted as HTML on a thread of their own, started before
/// the notebook compiles: its report then finds them done instead of highlighting after the
/// program has run (swift-syntax's first parse and classification in a process take a few
/// milliseconds).
public final class CodeHighlights: @unchecked Sendable {
  private var byBlock: [Int: String] = [:]
  private let done = DispatchSemaphore(value: 0)

  /// Starts highlighting the code of `notebook`'s experiment blocks.
  public init(_ notebook: Notebook) {
    let blocks = notebook.experiments.map { ($0.index, $0.displayCode) }
    // A thread, not a dispatch queue: the caller may be one of a queue's busy threads. The
    // stack of a main thread, which swift-syntax's recursive passes may need.
    startDetachedThread(stackSize: 8 << 20) { [self] in
      for (index, code) in blocks { byBlock[index] = SwiftHighlighter.html(code) }
      done.signal()
    }
  }

  /// The highlighted code of each block, by index, once all are done.
  public func html() -> [Int: String] {
    done.wait()
    done.signal()
    return byBlock
  }
}
