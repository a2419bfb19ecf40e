// Test helper: one HTTP exchange over a plain loopback socket, for request
// lines a client library would normalise ("/../x", "%2e%2e") and for
// servers started as separate processes.
#ifndef KHALDUN_TESTS_TESTING_RAW_HTTP_H_
#define KHALDUN_TESTS_TESTING_RAW_HTTP_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <string>

namespace khaldun::testing {

// Sends `request` as it is to 127.0.0.1:`port` and returns everything the
// server answers until it closes; empty when nothing listens there.
inline std::string RawHttp(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    ssize_t n;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
      response.append(buffer, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return response;
}

// GET `path` with Connection: close.
inline std::string RawGet(int port, const std::string& path) {
  return RawHttp(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}

}  // namespace khaldun::testing

#endif  // KHALDUN_TESTS_TESTING_RAW_HTTP_H_
