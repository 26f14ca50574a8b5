"""Writers that lay a ReviewData out as DOCX, PDF and XLSX."""
