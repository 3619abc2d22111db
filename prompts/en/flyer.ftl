## The flyer of a network action (bot/domain/flyer.py): printed for a notice board, or as a picture for
## WhatsApp. No HTML: every word goes on paper as plain text. Short, warm and easy to read from afar.

flyer-heading = Join us!
flyer-when = When
flyer-where = Where
flyer-we-offer = We offer
flyer-we-need = We are looking for
flyer-scan = Scan the code with your phone's camera
flyer-or-go = or go to
flyer-from = From { $group }
