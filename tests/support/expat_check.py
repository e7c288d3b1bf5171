"""Well-formedness by expat, the conformant XML parser in Python's standard library, for
tests/xml_wellformed.rs: reads bodies from standard input, each as a 4-byte little-endian
length and its bytes, and prints one line per body: `ok`, or `refused: <expat's message>`.

Namespace processing is on, as a namespace-aware client reads: an unbound prefix is an error.
"""

import struct
import sys
import xml.parsers.expat


def check(body):
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(body, True)
    except xml.parsers.expat.ExpatError as error:
        return "refused: " + str(error)
    except (LookupError, ValueError) as error:
        # An encoding Python does not know, declared in the body: not readable either.
        return "refused: " + str(error)
    return "ok"


def main():
    data = sys.stdin.buffer.read()
    at = 0
    lines = []
    while at < len(data):
        (length,) = struct.unpack("<I", data[at : at + 4])
        body = data[at + 4 : at + 4 + length]
        at += 4 + length
        lines.append(check(body))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
