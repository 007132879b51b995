#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Starts `body` on a thread of its own (a pthread, detached), with a stack of `stackSize`
/// bytes when given: swift-syntax's recursive passes need a main thread's 8 MB. A thread, not a
/// dispatch queue's: the caller may itself be one of a queue's busy threads. False when no
/// thread could be started.
@discardableResult
public func startDetachedThread(stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) -> Bool {
  final class Box: @unchecked Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }
  var attributes = pthread_attr_t()
  pthread_attr_init(&attributes)
  defer { pthread_attr_destroy(&attributes) }
  pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
  if let stackSize { pthread_attr_setstacksize(&attributes, stackSize) }
  let context = Unmanaged.passRetained(Box(body)).toOpaque()
  #if canImport(Glibc)
    var thread = pthread_t()
  #else
    var thread: pthread_t?
  #endif
  let started = pthread_create(
    &thread, &attributes,
    { context in
      let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
      box.body()
      return nil
    }, context)
  if started != 0 { Unmanaged<Box>.fromOpaque(context).release() }
  return started == 0
}

/// Sleeps the calling thread for `seconds`.
public func sleepThread(seconds: Double) {
  guard seconds > 0 else { return }
  var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
  var remaining = timespec()
  while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
}
