// lemma-fuzz: feeds mutated notebooks through read -> parse (front matter, cell options, inline
// spans, cross-references) -> program generation -> report -> HTML and GFM, in process, and
// stops at the first crash or hang with the input saved. A thrown `NotebookError` is a fine
// outcome; a trap, a bad pointer or a stack overflow is a bug.
//
//   lemma-fuzz --runs 1000000 --seed 1 --corpus fuzz/corpus --corpus notebooks \
//              --spec Tests/LemmaRenderingTests/Fixtures/commonmark-spec-0.30.json --crashes fuzz/crashes
//   lemma-fuzz --replay fuzz/crashes/crash-1.md      # runs one saved input
import Foundation
import LemmaExecution
import LemmaNotebook
import LemmaRendering
import Simulation

#if canImport(Glibc)
  import Glibc
#endif

let options = FuzzOptions(CommandLine.arguments.dropFirst())
if let replay = options.replay {
  guard let data = FileManager.default.contents(atPath: replay) else {
    fputs("lemma-fuzz: cannot read \(replay)\n", stderr)
    exit(2)
  }
  print(FuzzTarget.run(Array(data)))
  exit(0)
}
var corpus = FuzzCorpus.load(folders: options.corpusFolders, spec: options.specPath)
guard !corpus.isEmpty else {
  fputs("lemma-fuzz: the corpus is empty (--corpus FOLDER, --spec FILE)\n", stderr)
  exit(2)
}
CrashCatcher.install(folder: options.crashFolder)
var generator = Xoshiro256StarStar(seed: options.seed)
let started = Date()
var outcomes: [String: Int] = [:]
for run in 1...options.runs {
  let input = Mutator.mutate(corpus.pick(&generator), corpus: corpus, using: &generator)
  CrashCatcher.current(input, run: run)
  outcomes[FuzzTarget.run(input), default: 0] += 1
  if run % 100_000 == 0 || run == options.runs {
    let seconds = Date().timeIntervalSince(started)
    print(
      "\(run) inputs in \(String(format: "%.0f", seconds)) s (\(String(format: "%.0f", Double(run) / seconds))/s), "
        + "0 crashes; " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    fflush(stdout)
  }
}
