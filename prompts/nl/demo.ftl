## brug demo: een proefgesprek in de terminal, zonder Telegram. De demo zelf zegt dit; Brug zegt de rest.
## Gewone tekst (de terminal toont geen HTML): geen < of & gebruiken.

demo-welcome =
    Welkom bij de Brug-demo: een proefgesprek op je eigen computer, zonder Telegram.
    De groep { $group } heeft drie leden: Anna (coördinator), Bert en Carla.
    Anna heeft Brug net aan de groep toegevoegd. Jij speelt de leden: typ wat zij in de groep zouden typen.
    Typ /hulp om te zien hoe je van persoon, gesprek of tijd wisselt.
demo-welcome-back =
    Welkom terug in de Brug-demo. Alles van de vorige keer staat er nog.
    Nu praat { $name }, in de groep { $group }. De klok staat op { $moment }.
    Typ /hulp voor de uitleg.
demo-help =
    Zo werkt de demo:
      /actie, /acties, /mijn, /help …   gewoon typen: dat zegt het lid tegen Brug
      1, 2, 3 …          kies een van Brugs genummerde keuzes
      /als bert          wissel wie er praat ({ $names })
      /prive, /groep     wissel tussen het privégesprek met Brug en de groep
      /tijd +2d          zet de klok vooruit (+3u = drie uur, +30m = dertig minuten); dan komen herinneringen
      /duim              een 👍 op het laatste voorstel: dat is steun (/duim 2: het voorstel daarvoor)
      /hulp              deze uitleg
      /stop              stoppen (Ctrl-D kan ook)
demo-header-group = ── groep { $title } ──
demo-header-private = ── privé: { $name } ──
demo-edited = (bijgewerkt)
demo-deleted = (Brug haalde een eerder bericht weg)
demo-reply-to = (antwoord aan { $name })
demo-document-saved = (bestand opgeslagen: { $path })
demo-where-group = groep
demo-where-private = privé
demo-now-speaking = Nu praat { $name }.
demo-now-in-group = Je bent nu in de groep { $group }.
demo-now-private = Je bent nu in het privégesprek van { $name } met Brug.
demo-moved-private = Brug schrijft { $name } privé, dus je bent nu daar. Met /groep ga je terug naar de groep.
demo-who = Wie wil je zijn? Typ bijvoorbeeld /als bert. Je kunt kiezen uit: { $names }.
demo-unknown-person = „{ $name }” ken ik niet in deze demo. Je kunt kiezen uit: { $names }.
demo-time-bad = Zo kan ik de klok niet verzetten. Typ bijvoorbeeld /tijd +2d (twee dagen), /tijd +3u (drie uur) of /tijd +30m (dertig minuten).
demo-time-moved = De klok staat nu op { $moment }.
demo-time-quiet = In de groep is het nu stille tijd: Brug wacht met herinneringen tot { $until } uur.
demo-thumb-none = Hier staat nog geen voorstel met 👍 Steun om een 👍 op te zetten.
demo-thumb-bad = Typ /duim voor het laatste voorstel, of /duim 2 voor het voorstel daarvoor.
demo-thumb-given = { $name } zet een 👍 op: { $excerpt }
demo-goodbye = Tot ziens! De demo bewaart alles in { $path }. Met brug demo --verder ga je later verder waar je was.

## brug try: een proefgesprek met Brug via een kleine nagebootste Telegram. Dezelfde stuurwoorden als de demo.

try-welcome = Brug draait nu op je eigen computer, zonder Telegram. Typ wat je in Telegram zou typen.
try-help =
    Zo werkt brug try:
      /start, /help, /actie …   gewoon typen: dat zeg je tegen Brug
      1, 2, 3 …          druk op knop 1, 2, 3 onder het laatste bericht
      /groep, /prive     wissel tussen de proefgroep en je persoonlijke gesprek met Brug
      /hulp              deze uitleg
      /stop              stoppen (Ctrl-D kan ook)
try-now-in-group = (je bent nu in de { $group })
try-now-private = (je bent nu in je persoonlijke gesprek met Brug)
try-demo-only = { $word } werkt alleen in brug demo. Typ /hulp voor wat hier kan.
demo-web = (De pagina's voor de buurt draaien op deze computer: { $url } — een 📣-link opent in je browser.)
