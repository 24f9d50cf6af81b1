import http.server
import os

port = int(os.environ.get("PORT", "8080"))
handler = http.server.SimpleHTTPRequestHandler
http.server.ThreadingHTTPServer(("", port), handler).serve_forever()
