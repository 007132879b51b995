@_exported import Figures
import LemmaProtocol
@_exported import Simulation

/// Puts a table (or any figure) into the report, under the block that shows it.
public func show(_ figure: some FigureConvertible) {
  LemmaSession.write(.record(.figure(figure.figure)))
}
