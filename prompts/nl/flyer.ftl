## De flyer van een netwerkactie (bot/domain/flyer.py): om te printen voor het prikbord, of als plaatje
## voor WhatsApp. Geen HTML: elk woord komt als gewone tekst op papier. Kort, warm en groot te lezen.

flyer-heading = Kom ook!
flyer-when = Wanneer
flyer-where = Waar
flyer-we-offer = Wij bieden
flyer-we-need = Wij zoeken
flyer-scan = Scan de code met de camera van je telefoon
flyer-or-go = of ga naar
flyer-from = Van { $group }
