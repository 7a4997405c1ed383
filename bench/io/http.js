// http.js - the Node.js HTTP server: node http.js PORT
// GET / -> 200 "hello", anything else 404 (keep-alive is Node's default).
const http = require('http');
http.createServer((req, res) => {
  if (req.url === '/') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 5 });
    res.end('hello');
  } else {
    res.writeHead(404, { 'Content-Length': 9 });
    res.end('not found');
  }
}).listen(+process.argv[2], '127.0.0.1');
