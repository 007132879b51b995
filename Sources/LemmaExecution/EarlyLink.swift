import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A link started as soon as the first of a compile's frontends has ended, while the others
/// still run: ld.lld's own start (8-10 ms of a 13-16 ms link: a 200 MB binary, the libraries
/// it reads) takes the core that frontend left idle, and each object still being compiled is
/// read from a named pipe that stands in for it, fed the moment the object is written (lld
/// reads a pipe as a stream; the binary is the same byte for byte). Not when the object is
/// written: a frontend then still unmaps its address space for ~10 ms, and a linker started
/// beside it slowed the last frontend by as much as it saved.
///
/// The link is started with the first object's autolink entries; the others must ask for no
/// more (a notebook's files all import the same runtime), else it is stopped and the
/// compile links the ordinary way, as it also does when this link fails.
final class EarlyLink {
  /// The linker's run, writing the binary.
  let run: ToolRuns
  /// The autolink entries the link was started with.
  private let autolink: [String]
  /// Each object not yet written when the link started, and the pipe that stands in for it,
  /// in the order the linker reads them.
  private let pipes: [(object: String, pipe: String)]

  /// Starts `command(inputs, autolink)` when some of `objects` are written but not all: the
  /// written ones as they are, a named pipe beside each of the others. Nil when it is too early
  /// or too late, or a first object or a pipe cannot be read or made.
  static func start(
    objects: [String], binary: String, command: (_ inputs: [String], _ autolink: [String]) -> [String]
  ) -> EarlyLink? {
    let written = objects.filter { FileStatus(path: $0) != nil }
    guard let first = written.first, written.count < objects.count,
      let autolink = AutolinkEntries.read(objectAt: first)
    else { return nil }
    var pipes: [(object: String, pipe: String)] = []
    var inputs: [String] = []
    for object in objects {
      if written.contains(object) {
        inputs.append(object)
        continue
      }
      let pipe = object + ".pipe"
      unlink(pipe)
      guard mkfifo(pipe, 0o600) == 0 else { return nil }
      pipes.append((object, pipe))
      inputs.append(pipe)
    }
    // A binary left by an earlier compile in this folder would look linked at once.
    try? FileManager.default.removeItem(atPath: binary)
    let run = ToolRuns(commands: [command(inputs, autolink)], outputs: [binary])
    StageTimes.mark("link started")
    return EarlyLink(run: run, autolink: autolink, pipes: pipes)
  }

  private init(run: ToolRuns, autolink: [String], pipes: [(object: String, pipe: String)]) {
    self.run = run
    self.autolink = autolink
    self.pipes = pipes
  }

  /// Feeds the objects written since the link started (all of them are now) into their pipes
  /// and waits for the binary: true once it is in place. False, with the linker stopped, when
  /// the objects ask for libraries beyond `autolink` or the linker failed: the compile then
  /// links again the ordinary way. `meanwhile` is called between looks.
  func finish(autolink objectsAutolink: [String], meanwhile: () -> Void) -> Bool {
    guard Set(objectsAutolink).isSubset(of: autolink) else {
      stop()
      return false
    }
    for (object, pipe) in pipes {
      // The linker reads its inputs in order, so the pipes are fed in order.
      guard let bytes = readWholeFile(object),
        PipeFeed.feed(bytes, into: pipe, readerGone: { run.hasEnded }, meanwhile: meanwhile)
      else {
        stop()
        return false
      }
    }
    guard run.waitForOutputs(meanwhile: meanwhile) else {
      stop()
      return false
    }
    removePipes()
    return true
  }

  /// Stops the linker (even one not started yet) and waits for its end, when its binary will
  /// not be used. Stopping twice does nothing more.
  func stop() {
    run.stop()
    _ = run.results()
    removePipes()
  }

  /// The pipes are not left in the compile's folder, which the cache keeps.
  private func removePipes() {
    for (_, pipe) in pipes { unlink(pipe) }
  }
}
