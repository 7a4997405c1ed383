// echo.js - the Node.js echo server: node echo.js PORT
const net = require('net');
net.createServer({ noDelay: true }, (s) => {
  s.setNoDelay(true);
  s.pipe(s);
  s.on('error', () => s.destroy());
}).listen(+process.argv[2], '127.0.0.1');
