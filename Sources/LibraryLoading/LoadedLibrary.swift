#if canImport(Glibc)
  import Glibc
#endif

/// A C library opened with `dlopen` when first needed rather than linked, so a program that
/// never calls it never loads it; its functions are looked up by name.
public struct LoadedLibrary: @unchecked Sendable {
  private let handle: UnsafeMutableRawPointer
  private let package: String

  /// The first of `names` (a SONAME, then the development symlink) that opens; when none does,
  /// the program stops saying what failed and which Debian `package` to install.
  public static func open(_ names: [String], package: String) -> LoadedLibrary {
    var problems: [String] = []
    for name in names {
      if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return LoadedLibrary(handle: handle, package: package) }
      problems.append(dlerror().map { String(cString: $0) } ?? name)
    }
    fatalError("\(names[0]) could not be loaded (\(problems.joined(separator: "; "))): apt-get install \(package)")
  }

  /// The function called `symbol`, as `type` (a `@convention(c)` function type that matches its
  /// C declaration).
  public func function<T>(_ symbol: String, as type: T.Type) -> T {
    guard let address = dlsym(handle, symbol) else { fatalError("no \(symbol) in the library: reinstall \(package)") }
    return unsafeBitCast(address, to: type)
  }
}
