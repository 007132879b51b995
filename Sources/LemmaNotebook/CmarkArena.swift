import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Memory for one cmark parse of a whole notebook: cmark's allocations are carved one after
/// another out of large blocks, freeing one is a no-op (unless it was the last), and the
/// whole tree goes at once when the arena does. A multi-megabyte notebook's parse makes
/// hundreds of thousands of small allocations; with malloc, freeing them took a tenth of the
/// parse. The blocks come from malloc, so the report's buffers reuse their pages afterwards.
///
/// cmark's allocator interface has no context pointer, so the arena in use is the calling
/// thread's (`whileActive`): parses on other threads are not affected.
final class CmarkArena {
  private var blocks: [(start: UnsafeMutableRawPointer, size: Int)] = []
  private var next: UnsafeMutableRawPointer?
  private var left = 0
  /// The last allocation, which `reallocate` can grow in place.
  private var last: UnsafeMutableRawPointer?

  private static let blockSize = 8 << 20
  /// Each allocation starts with its size, for `reallocate`; 16 bytes keep malloc's alignment.
  private static let header = 16

  /// Runs `body` with this arena as the calling thread's (what cmark allocates comes from
  /// it), then gives the thread back the arena it had.
  func whileActive<T>(_ body: () throws -> T) rethrows -> T {
    let previous = pthread_getspecific(Self.key)
    pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
    defer { pthread_setspecific(Self.key, previous) }
    return try withExtendedLifetime(self) { try body() }
  }

  /// Parses `bytes` with cmark into a tree that lives in this arena; the tree (and what cmark
  /// allocates later, reading it, which must happen `whileActive`) must not be used after the
  /// arena is released.
  func parse(_ bytes: UnsafeBufferPointer<UInt8>, options: Int32) -> OpaquePointer? {
    whileActive { parseActive(bytes, options: options) }
  }

  private func parseActive(_ bytes: UnsafeBufferPointer<UInt8>, options: Int32) -> OpaquePointer? {
    guard let parser = cmark_parser_new_with_mem(options, Self.memory) else { return nil }
    defer { cmark_parser_free(parser) }
    bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
    return cmark_parser_finish(parser)
  }

  deinit {
    for block in blocks { free(block.start) }
  }

  /// `size` zeroed bytes.
  fileprivate func allocate(_ size: Int) -> UnsafeMutableRawPointer {
    let pointer = reserve(size)
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    return pointer
  }

  /// `size` bytes as they are.
  private func reserve(_ size: Int) -> UnsafeMutableRawPointer {
    let needed = (Self.header + size + 15) & ~15
    if needed > left { grow(needed) }
    let start = next!
    start.storeBytes(of: size, as: Int.self)
    next = start + needed
    left -= needed
    last = start + Self.header
    return start + Self.header
  }

  /// Gives back the last allocation's room; any other is kept until the arena goes.
  fileprivate func release(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer, pointer == last else { return }
    let size = (pointer - Self.header).load(as: Int.self)
    let room = (Self.header + size + 15) & ~15
    next = next! - room
    left += room
    last = nil
  }

  /// `pointer`'s allocation with room for `size` bytes: in place when it is the last one and
  /// the block has room, else copied.
  fileprivate func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer {
    guard let pointer else { return allocate(size) }
    let old = (pointer - Self.header).load(as: Int.self)
    if pointer == last {
      let extra = ((size + 15) & ~15) - ((old + 15) & ~15)
      if extra <= left {
        (pointer - Self.header).storeBytes(of: size, as: Int.self)
        next = next! + extra
        left -= extra
        return pointer
      }
    }
    let moved = reserve(size)
    moved.copyMemory(from: pointer, byteCount: min(old, size))
    return moved
  }

  private func grow(_ needed: Int) {
    let size = max(Self.blockSize, needed)
    guard let block = malloc(size) else { fatalError("out of memory: \(size) bytes for the Markdown parser") }
    blocks.append((block, size))
    next = block
    left = size
    last = nil
  }

  /// The calling thread's arena.
  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  fileprivate static var current: CmarkArena {
    Unmanaged<CmarkArena>.fromOpaque(pthread_getspecific(key)!).takeUnretainedValue()
  }

  /// cmark's allocator, backed by the calling thread's arena.
  private static let memory: UnsafeMutablePointer<cmark_mem> = {
    let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
    memory.initialize(
      to: cmark_mem(
        calloc: { count, size in CmarkArena.current.allocate(count * size) },
        realloc: { pointer, size in CmarkArena.current.reallocate(pointer, size) },
        free: { pointer in CmarkArena.current.release(pointer) }))
    return memory
  }()
}
