// Learning is not imported here: a program imports it when its code names it
// (`OnDemandImports` in LemmaExecution), and the library links it all the same.
@_exported import Figures
@_exported import Simulation

// Implementation-only here and in every file of the runtime: a notebook's compile does not
// load the wire format's module; nothing public stores or inlines its types.
@_implementationOnly import LemmaProtocol

#if canImport(Glibc)
  // Blocks get the C math functions (log, exp, pow, erf, ...) without an import.
  @_exported import Glibc
#elseif canImport(Darwin)
  @_exported import Darwin
#endif

/// Puts a table, chart or any other figure into the report, under the block that shows it.
public func show(_ figure: some FigureConvertible) {
  LemmaSession.write(.record(.figure(figure.figure)))
}
