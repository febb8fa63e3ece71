"""The only code that writes editions, printed pages and what is published of them.

One module per job (as Zulip's zerver/actions/):

- pages.py: editions and pages made and stored (the import's page writes), placements
- proofs.py: proof rounds (三校) and release to print (付印)
- publish.py: laying the pages out and publishing the e-paper and print PDFs (出版)
"""
