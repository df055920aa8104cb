"""Builds the Excel fixtures (committed; run again only to change them):

- excel_serial_dates.xlsx: sheet "Deals" with a title in B1, the header in row 3 and dates as
  date-formatted serials, an unformatted serial and text; sheet "Customers".
- truncated.xlsx: the first 60% of that file, as a cut-off download leaves it.

Plain zipfile and hand-written XML, so no Python package is needed.
"""
import zipfile

def cell(ref, value, style=None):
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"{s}><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value}</v></c>'

def sheet(rows):
    body = "".join(
        f'<row r="{r}">' + "".join(cell(ref, v, st) for ref, v, st in cells) + "</row>"
        for r, cells in rows
    )
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{body}</sheetData></worksheet>')

D = 1  # the cellXfs index of the date style (numFmtId 14, m/d/yyyy)
deals = sheet([
    (1, [("B1", "Pipeline export, all owners", None)]),
    (3, [("B3", "Deal ID", None), ("C3", "Stage", None), ("D3", "Amount", None),
         ("E3", "Created Date", None), ("F3", "Close Date", None), ("G3", "Owner", None)]),
    (4, [("B4", 1001, None), ("C4", "Won", None), ("D4", 1500, None),
         ("E4", 45296, D), ("F4", 45330, D), ("G4", "Ana", None)]),
    (5, [("B5", 1002, None), ("C5", "Lead", None), ("D5", 2500.5, None),
         ("E5", 45300, None), ("G5", "Ben", None)]),
    (6, [("B6", 1003, None), ("C6", "Lost", None), ("D6", "n/a", None),
         ("E6", "2024-01-20", None), ("F6", 45310.75, D), ("G6", "Ana", None)]),
])
customers = sheet([
    (1, [("A1", "Customer ID", None), ("B1", "Name", None), ("C1", "Region", None)]),
    (2, [("A2", "C1", None), ("B2", "Acme", None), ("C2", "East", None)]),
])
styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          '<borders count="1"><border/></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '</styleSheet>')
files = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/workbook.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Deals" sheetId="1" r:id="rId1"/><sheet name="Customers" sheetId="2" r:id="rId2"/></sheets>'
        '</workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>',
    "xl/styles.xml": styles,
    "xl/worksheets/sheet1.xml": deals,
    "xl/worksheets/sheet2.xml": customers,
}
with zipfile.ZipFile("excel_serial_dates.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
data = open("excel_serial_dates.xlsx", "rb").read()
open("truncated.xlsx", "wb").write(data[: len(data) * 6 // 10])
