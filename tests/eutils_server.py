#!/usr/bin/env python3
"""Loopback emulation of NCBI E-utilities ESearch and EFetch for PubMed,
for evidex's tests (python3 standard library only).

Usage:
  python3 tests/eutils_server.py --records DIR [--port 0] [--port-file F]
                                 [--log LOG] [--cap N] [--timeout SECONDS]

Binds 127.0.0.1 only. --port 0 picks a free port; the port number is
written to --port-file (atomically, via rename) once the server listens.
The E-utilities live under /entrez/eutils/ (esearch.fcgi, efetch.fcgi);
parameters come from the query string and, for POST, from the
x-www-form-urlencoded body.

Records: DIR/*.xml, one <PubmedArticle> each (invented). Its PMID is
MedlineCitation/PMID, its Entrez date (EDAT) PubmedData/History/
PubMedPubDate[@PubStatus="entrez"] (Year/Month/Day). DIR is read again
on every ESearch, so a test adds records by writing files.

ESearch: any term matches every record (its meaning is ignored; a
missing term is an error body). datetype=edat with mindate/maxdate
(YYYY, YYYY/MM or YYYY/MM/DD, both required) filters by EDAT; another
datetype is an error body. Order: EDAT descending, then PMID descending.
retstart/retmax page the ids (retmax default 20). usehistory=y keeps the
result on the "History server" (a WebEnv and query_key 1) unless history
is off. Like PubMed's 10,000 limit, only the first --cap records of a
result can be reached: Count is the full number, but a retstart at or
past the cap is an error body and the History server keeps only the
first cap ids.

EFetch: retmode=xml; the records of an id list (id=1,2,3, GET or POST)
or of query_key+WebEnv with retstart/retmax (default retmax 20); an
unknown WebEnv is an error body. The answer is a PubmedArticleSet.

Modes, set by GET /__mode?name=value&... (answers the modes as JSON; not
logged; any mode left out keeps its value):
  cap=N          the limit above (default --cap, else 10000)
  history=0|1    1: usehistory=y gives WebEnv/QueryKey (default 1)
  esearch=A,B,.. the answers to the next requests to esearch.fcgi, one
  efetch=A,B,..  each, in order, then normal answers again; an answer is
                 ok         the normal answer
                 429        HTTP 429, {"error":"API rate limit exceeded",
                            "count":"4"} (and Retry-After, see below)
                 500        HTTP 500
                 ratelimit  HTTP 200 with that JSON body
                 error      HTTP 200 with an E-utilities error body
                            (<ERROR> in eSearchResult or eFetchResult)
  retry_after=S  send "Retry-After: S" with 429 and 500 (-1: none; default 1)
  reset=1        all modes back to their defaults
GET /__shutdown stops the server; so do SIGTERM, SIGINT and --timeout.

--log appends one JSON object per E-utilities request (JSON Lines):
  {"t": start, epoch seconds, "t_end": when answered, "method": "GET",
   "path": "/entrez/eutils/esearch.fcgi?...", "endpoint": "esearch",
   "params": {"term": ..., "mindate": ...}, "body": POST body or null,
   "status": 200, "answer": "ok|429|500|ratelimit|error",
   "count": N and "webenv": the WebEnv given or null (esearch),
   "pmids": [ids answered: esearch IdList, efetch records]}
"""

import argparse
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
import http.server

LOCK = threading.Lock()
DEFAULTS = {"cap": 10000, "history": 1, "retry_after": 1, "esearch": [], "efetch": []}
ANSWERS = ("ok", "429", "500", "ratelimit", "error")
RATE_BODY = b'{"error":"API rate limit exceeded","count":"4"}'


def day_key(s, end):
    """'YYYY', 'YYYY/MM', 'YYYY/MM/DD' ('-' too) as (y, m, d); None if bad."""
    parts = s.replace("-", "/").split("/")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return None
    if not 1 <= len(nums) <= 3:
        return None
    y = nums[0]
    m = nums[1] if len(nums) > 1 else (12 if end else 1)
    d = nums[2] if len(nums) > 2 else (31 if end else 1)
    return (y, m, d)


def strip_decl(data):
    """The record without an XML declaration, if it has one."""
    data = data.strip()
    if data.startswith(b"<?xml"):
        data = data.split(b"?>", 1)[1].strip()
    return data


def load_records(root):
    """{pmid: (edat tuple, xml bytes of the PubmedArticle)}"""
    recs = {}
    for name in sorted(os.listdir(root)):
        if not name.endswith(".xml"):
            continue
        with open(os.path.join(root, name), "rb") as f:
            data = f.read()
        el = ET.fromstring(data)
        pmid = el.findtext("MedlineCitation/PMID").strip()
        ent = el.find("PubmedData/History/PubMedPubDate[@PubStatus='entrez']")
        edat = (int(ent.findtext("Year")), int(ent.findtext("Month")), int(ent.findtext("Day")))
        recs[pmid] = (edat, data)
    return recs


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "evidex-eutils-test"

    def log_message(self, fmt, *args):
        pass

    def setup(self):
        super().setup()
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send(self, status, ctype, body, headers=None):
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _log(self, rec):
        rec["t"] = self.t_start
        rec["t_end"] = time.time()
        rec["method"] = self.command
        rec["path"] = self.path
        rec["body"] = self.reqbody.decode("utf-8", "replace") if self.reqbody else None
        if self.server.log_path:
            with LOCK, open(self.server.log_path, "a") as f:
                f.write(json.dumps(rec) + "\n")

    def _control(self, query):
        modes = self.server.modes
        with LOCK:
            if query.get("reset") == "1":
                modes.clear()
                modes.update(json.loads(json.dumps(DEFAULTS)))
                modes["cap"] = self.server.cap
            for k, v in query.items():
                if k in ("esearch", "efetch"):
                    script = [a for a in v.split(",") if a]
                    if any(a not in ANSWERS for a in script):
                        self._send(400, "text/plain", b"bad answer script\n")
                        return
                    modes[k] = script
                elif k in DEFAULTS:
                    modes[k] = int(v)
            out = json.dumps(modes).encode()
        self._send(200, "application/json", out + b"\n")

    def _take(self, endpoint):
        """The scripted answer for this request to 'endpoint', or "ok"."""
        with LOCK:
            script = self.server.modes[endpoint]
            return script.pop(0) if script else "ok"

    def _handle(self):
        self.t_start = time.time()
        self.reqbody = None
        n = int(self.headers.get("Content-Length") or 0)
        if n > 0:
            self.reqbody = self.rfile.read(min(n, 1 << 20))
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if url.path == "/__shutdown":
            self._send(200, "text/plain", b"bye\n")
            threading.Thread(target=self.server.shutdown, daemon=True).start()
            return
        if url.path == "/__mode":
            self._control(query)
            return
        if self.reqbody:
            query.update(urllib.parse.parse_qsl(self.reqbody.decode("utf-8", "replace"),
                                                keep_blank_values=True))
        endpoint = {"/entrez/eutils/esearch.fcgi": "esearch",
                    "/entrez/eutils/efetch.fcgi": "efetch"}.get(url.path)
        rec = {"endpoint": endpoint, "params": query}
        if endpoint is None:
            rec.update(status=404, answer="missing")
            self._log(rec)
            self._send(404, "text/plain", b"not found\n")
            return
        answer = self._take(endpoint)
        ra = self.server.modes["retry_after"]
        if answer in ("429", "500"):
            rec.update(status=int(answer), answer=answer)
            self._log(rec)
            self._send(int(answer), "application/json" if answer == "429" else "text/plain",
                       RATE_BODY if answer == "429" else b"internal error\n",
                       {"Retry-After": str(ra)} if ra >= 0 else None)
            return
        if answer == "ratelimit":
            rec.update(status=200, answer="ratelimit")
            self._log(rec)
            self._send(200, "application/json", RATE_BODY)
            return
        if answer == "error":
            rec.update(status=200, answer="error")
            self._log(rec)
            self._error(endpoint, "Search Backend failed: an emulated failure")
            return
        if endpoint == "esearch":
            self._esearch(query, rec)
        else:
            self._efetch(query, rec)

    def _error(self, endpoint, msg):
        root = "eSearchResult" if endpoint == "esearch" else "eFetchResult"
        body = ('<?xml version="1.0" encoding="UTF-8" ?>\n<%s><ERROR>%s</ERROR></%s>\n'
                % (root, msg, root)).encode()
        self._send(200, "text/xml; charset=UTF-8", body)

    def _fail(self, rec, endpoint, msg):
        rec.update(status=200, answer="error", message=msg)
        self._log(rec)
        self._error(endpoint, msg)

    def _esearch(self, q, rec):
        if q.get("db", "pubmed") != "pubmed" or not q.get("term"):
            return self._fail(rec, "esearch", "Empty term and query_key - nothing todo")
        recs = load_records(self.server.root)
        items = [(edat, pmid) for pmid, (edat, _) in recs.items()]
        if "mindate" in q or "maxdate" in q:
            if q.get("datetype", "pdat") != "edat":
                return self._fail(rec, "esearch", "only datetype=edat is emulated")
            lo = day_key(q.get("mindate", ""), False)
            hi = day_key(q.get("maxdate", ""), True)
            if lo is None or hi is None:
                return self._fail(rec, "esearch", "Invalid date")
            items = [i for i in items if lo <= i[0] <= hi]
        items.sort(key=lambda i: (i[0], int(i[1])), reverse=True)
        ids = [pmid for _, pmid in items]
        cap = self.server.modes["cap"]
        try:
            retstart = int(q.get("retstart", 0))
            retmax = int(q.get("retmax", 20))
        except ValueError:
            return self._fail(rec, "esearch", "Invalid retstart or retmax")
        if retstart >= cap and ids:
            return self._fail(rec, "esearch",
                              "Search Backend failed: Exception: 'retstart' cannot be larger "
                              "than %d. For PubMed, ESearch can only retrieve the first %d "
                              "records matching the query." % (cap - 1, cap))
        page = ids[retstart:min(retstart + retmax, cap)]
        hist = webenv = ""
        if q.get("usehistory") == "y" and self.server.modes["history"]:
            with LOCK:
                self.server.webenv_n += 1
                webenv = "MCID_test_%d" % self.server.webenv_n
                self.server.history[webenv] = ids[:cap]
            hist = "<QueryKey>1</QueryKey><WebEnv>%s</WebEnv>" % webenv
        body = ('<?xml version="1.0" encoding="UTF-8" ?>\n'
                '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
                '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
                '<eSearchResult><Count>%d</Count><RetMax>%d</RetMax><RetStart>%d</RetStart>'
                '%s<IdList>%s</IdList><TranslationSet/>'
                '<QueryTranslation>%s[All Fields]</QueryTranslation></eSearchResult>\n'
                % (len(ids), len(page), retstart, hist,
                   "".join("<Id>%s</Id>" % i for i in page),
                   q["term"].replace("&", "").replace("<", ""))).encode()
        rec.update(status=200, answer="ok", count=len(ids), pmids=page, webenv=webenv or None)
        self._log(rec)
        self._send(200, "text/xml; charset=UTF-8", body)

    def _efetch(self, q, rec):
        if q.get("db", "pubmed") != "pubmed":
            return self._fail(rec, "efetch", "Invalid db name specified")
        recs = load_records(self.server.root)
        if q.get("id"):
            ids = [i.strip() for i in q["id"].split(",") if i.strip()]
        elif q.get("WebEnv") and q.get("query_key"):
            with LOCK:
                ids = self.server.history.get(q["WebEnv"])
            if ids is None or q["query_key"] != "1":
                return self._fail(rec, "efetch", "Cannot retrieve history data. query_key: %s, "
                                  "WebEnv: %s" % (q["query_key"], q["WebEnv"]))
            try:
                retstart = int(q.get("retstart", 0))
                retmax = int(q.get("retmax", 20))
            except ValueError:
                return self._fail(rec, "efetch", "Invalid retstart or retmax")
            ids = ids[retstart:retstart + retmax]
        else:
            return self._fail(rec, "efetch", "Empty id list - nothing todo")
        found = [i for i in ids if i in recs]
        body = (b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC '
                b'"-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
                b'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
                b'<PubmedArticleSet>\n' +
                b"".join(strip_decl(recs[i][1]) + b"\n" for i in found) +
                b'</PubmedArticleSet>\n')
        rec.update(status=200, answer="ok", pmids=found)
        self._log(rec)
        self._send(200, "text/xml; charset=UTF-8", body)

    do_GET = do_POST = _handle


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description="evidex E-utilities emulation")
    ap.add_argument("--records", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--log")
    ap.add_argument("--cap", type=int, default=10000)
    ap.add_argument("--timeout", type=float, default=0)
    a = ap.parse_args()

    srv = Server(("127.0.0.1", a.port), Handler)
    srv.root = a.records
    srv.log_path = a.log
    srv.cap = a.cap
    srv.modes = json.loads(json.dumps(DEFAULTS))
    srv.modes["cap"] = a.cap
    srv.history = {}
    srv.webenv_n = 0

    def stop(signum, frame):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if a.timeout > 0:
        t = threading.Timer(a.timeout, srv.shutdown)
        t.daemon = True
        t.start()
    if a.port_file:
        tmp = a.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % srv.server_address[1])
        os.rename(tmp, a.port_file)
    srv.serve_forever(poll_interval=0.05)
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
