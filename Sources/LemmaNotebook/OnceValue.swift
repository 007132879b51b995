#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A value worked out the first time it is asked for, by whichever thread asks first, and
/// shared by every copy of what holds it (the readers of a long notebook's two halves).
final class OnceValue<Value>: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private var stored: Value?

  init() { pthread_mutex_init(mutex, nil) }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// The value, made by `make` if nobody made it yet.
  func value(_ make: () -> Value) -> Value {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    if let stored { return stored }
    let made = make()
    stored = made
    return made
  }
}
