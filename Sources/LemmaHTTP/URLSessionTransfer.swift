import Foundation
import LemmaDigest
import LemmaHTTPWire

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Performs requests through one URLSession per timeout. Bodies are streamed: a download goes
/// to its file as it arrives, hashed on the way and cut off past its limit; an upload is read
/// from its file.
final class URLSessionTransfer: @unchecked Sendable {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var sessions: [Double: URLSessionTransfer] = [:]

  /// The transfer whose requests wait at most `timeout` seconds for the server.
  static func shared(timeout: Double) -> URLSessionTransfer {
    lock.withLock {
      if let transfer = sessions[timeout] { return transfer }
      let transfer = URLSessionTransfer(timeout: timeout)
      sessions[timeout] = transfer
      return transfer
    }
  }

  private let router = Router()
  private let session: URLSession

  private init(timeout: Double) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = 24 * 3600
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 1
    session = URLSession(configuration: configuration, delegate: router, delegateQueue: queue)
  }

  func perform(_ wire: HTTPWireRequest) -> HTTPWireResponse {
    var response = HTTPWireResponse()
    guard let url = URL(string: wire.url) else {
      response.failure = "bad URL \(wire.url)"
      return response
    }
    var file: FileHandle?
    if let path = wire.outFile {
      guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
      else {
        response.failure = "cannot write \(path)"
        return response
      }
      file = handle
    }
    defer { try? file?.close() }
    var request = URLRequest(url: url)
    request.httpMethod = wire.method
    for header in wire.headers where header.count == 2 { request.setValue(header[1], forHTTPHeaderField: header[0]) }
    let sink = Sink(file: file, limit: wire.limit, method: wire.method)
    let task: URLSessionTask
    if let path = wire.bodyFile {
      let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
      request.setValue(String(size), forHTTPHeaderField: "Content-Length")
      task = session.uploadTask(with: request, fromFile: URL(fileURLWithPath: path))
    } else if let text = wire.bodyBase64 {
      let data = Data(base64Encoded: text) ?? Data()
      request.setValue(String(data.count), forHTTPHeaderField: "Content-Length")
      task = session.uploadTask(with: request, from: data)
    } else {
      task = session.dataTask(with: request)
    }
    router.add(sink, for: task.taskIdentifier)
    task.resume()
    sink.done.wait()
    router.remove(task.taskIdentifier)
    response.status = sink.status
    response.length = sink.length
    response.received = sink.received
    response.failure = sink.failure
    response.bodyBase64 = sink.data.base64EncodedString()
    if (200..<300).contains(sink.status) && sink.failure == nil { response.sha256 = sink.digest.finalizeHex() }
    if let error = sink.error, sink.failure == nil {
      response.errorCode = (error as? URLError)?.code.rawValue ?? -1
      response.errorText = error.localizedDescription
    }
    return response
  }

  /// Where one request's answer goes, and what it was.
  private final class Sink: @unchecked Sendable {
    let file: FileHandle?
    let limit: Int64
    let method: String
    let digest = SHA256Digest()
    let done = DispatchSemaphore(value: 0)
    var status = 0
    var length: Int64 = -1
    var received: Int64 = 0
    /// The body, when it is kept in memory (or an error's first bytes).
    var data = Data()
    var error: Error?
    var failure: String?

    init(file: FileHandle?, limit: Int64, method: String) {
      self.file = file
      self.limit = limit
      self.method = method
    }

    var succeeded: Bool { (200..<300).contains(status) }

    func receive(_ more: Data, _ task: URLSessionTask) {
      guard succeeded else {
        if data.count < 4096 { data.append(more.prefix(4096 - data.count)) }
        return
      }
      // Only a download's body matters; a server may answer a PUT with a page ("201 Created").
      guard method == "GET" else { return }
      received += Int64(more.count)
      guard received <= limit else {
        failure = "the body is longer than the \(limit) bytes expected"
        task.cancel()
        return
      }
      digest.update(more)
      if let file {
        do { try file.write(contentsOf: more) } catch {
          failure = "cannot write the download: \(error)"
          task.cancel()
        }
      } else {
        data.append(more)
      }
    }
  }

  /// Hands each task's events to its sink.
  private final class Router: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var sinks: [Int: Sink] = [:]

    func add(_ sink: Sink, for task: Int) { lock.withLock { sinks[task] = sink } }
    func remove(_ task: Int) { _ = lock.withLock { sinks.removeValue(forKey: task) } }
    private func sink(_ task: URLSessionTask) -> Sink? { lock.withLock { sinks[task.taskIdentifier] } }

    func urlSession(
      _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
      completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
      if let sink = sink(dataTask) {
        sink.status = (response as? HTTPURLResponse)?.statusCode ?? 0
        sink.length = response.expectedContentLength
        if sink.succeeded, sink.method == "GET", sink.length > sink.limit {
          sink.failure = "the body is longer than the \(sink.limit) bytes expected"
          completionHandler(.cancel)
          return
        }
      }
      completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
      sink(dataTask)?.receive(data, dataTask)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
      guard let sink = sink(task) else { return }
      if let response = task.response as? HTTPURLResponse, sink.status == 0 {
        sink.status = response.statusCode
        sink.length = response.expectedContentLength
      }
      sink.error = error
      sink.done.signal()
    }
  }
}
