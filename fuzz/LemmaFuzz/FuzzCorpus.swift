import Foundation
import Simulation

/// The inputs mutations start from: every file in the corpus folders (the committed seeds and
/// the shipped notebooks) and every example of the CommonMark spec.
struct FuzzCorpus {
  private(set) var inputs: [[UInt8]] = []

  var isEmpty: Bool { inputs.isEmpty }

  static func load(folders: [String], spec: String?) -> FuzzCorpus {
    var corpus = FuzzCorpus()
    for folder in folders {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      for name in names {
        if let data = FileManager.default.contents(atPath: folder + "/" + name) { corpus.inputs.append(Array(data)) }
      }
    }
    struct Spec: Decodable {
      struct Example: Decodable { var markdown: String }
      var examples: [Example]
    }
    if let spec, let data = FileManager.default.contents(atPath: spec),
      let examples = try? JSONDecoder().decode(Spec.self, from: data).examples
    {
      corpus.inputs += examples.map { Array($0.markdown.utf8) }
    }
    return corpus
  }

  func pick(_ generator: inout Xoshiro256StarStar) -> [UInt8] { inputs[generator.below(inputs.count)] }
}

/// What the command line asks for.
struct FuzzOptions {
  var runs = 10_000
  var seed: UInt64 = 1
  var corpusFolders: [String] = []
  var specPath: String?
  var crashFolder = "fuzz/crashes"
  var replay: String?

  init(_ arguments: ArraySlice<String>) {
    var rest = arguments
    while let flag = rest.popFirst() {
      let value = rest.popFirst() ?? ""
      switch flag {
      case "--runs": runs = max(1, Int(value) ?? runs)
      case "--seed": seed = UInt64(value) ?? seed
      case "--corpus": corpusFolders.append(value)
      case "--spec": specPath = value
      case "--crashes": crashFolder = value
      case "--replay": replay = value
      default:
        fputs("lemma-fuzz: unknown option \(flag)\n", stderr)
        exit(2)
      }
    }
  }
}
