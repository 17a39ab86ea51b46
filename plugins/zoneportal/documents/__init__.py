"""The board's văn bản register (`documents/`) and the attachments of posts.

- `numbers`: số hiệu as staff type them (`05-CT/TW`, `05 ct tw`) → one comparable key;
- `model`: Document, DocumentType, Issuer, DocumentRegister (relations both ways, status);
- `register`: reading and validating `documents/` (bundles and the registries `types.yml`, `issuers.yml`);
- `pdf`, `office`: metadata stripping, page count, text layer, OCR, first-page image;
- `attachments`: what a published attachment is (cleaned copy, size, pages, text), cached by content hash.
"""
