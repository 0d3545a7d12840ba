"""Sums the TRX files of one `dotnet test` run: "Tests: N passed, N failed, N skipped", then each skipped test and why.

A skipped xunit test is neither executed nor counted by the TRX notExecuted counter (it stays 0), so skipped is
total - executed. Usage: python3 build/trx_summary.py <file.trx>...
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
reasons = []
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    counters = root.find(".//t:ResultSummary/t:Counters", NS)
    if counters is None:
        continue
    count = lambda name: int(counters.get(name, "0"))
    passed += count("passed")
    failed += count("failed") + count("error") + count("timeout") + count("aborted")
    skipped += count("total") - count("executed")
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "NotExecuted":
            continue
        message = result.find("t:Output/t:ErrorInfo/t:Message", NS)
        text = " ".join((message.text or "").split()) if message is not None else "no reason given"
        reasons.append(f"  skipped {result.get('testName')}: {text}")
if reasons:
    print("Skipped tests and why:")
    print("\n".join(sorted(reasons)[:200]))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
