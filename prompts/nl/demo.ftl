## brug demo: een proefgesprek in de terminal, zonder Telegram. De demo zelf zegt dit; Brug zegt de rest.
## Gewone tekst (de terminal toont geen HTML): geen < of & gebruiken.

demo-welcome =
    Welkom bij de Brug-demo: een proefgesprek op je eigen computer, zonder Telegram.
    De groep { $group } heeft drie leden: Anna (coördinator), Bert en Carla.
    Anna heeft Brug net aan de groep toegevoegd. Jij speelt de leden: typ wat zij in de groep zouden typen.
    Typ /hulp om te zien hoe je van persoon, gesprek of tijd wisselt.
demo-help =
    Zo werkt de demo:
      /actie, /acties, /mijn, /help …   gewoon typen: dat zegt het lid tegen Brug
      1, 2, 3 …          kies een van Brugs genummerde keuzes
      /als bert          wissel wie er praat ({ $names })
      /prive, /groep     wissel tussen het privégesprek met Brug en de groep
      /tijd +2d          zet de klok vooruit (+3u = drie uur, +30m = dertig minuten); dan komen herinneringen
      /duim              een 👍 op Brugs laatste bericht met keuzes (/duim 2: het op één na laatste)
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
demo-thumb-none = Hier staat nog geen bericht van Brug met keuzes om een 👍 op te zetten.
demo-thumb-bad = Typ /duim voor Brugs laatste bericht met keuzes, of /duim 2 voor het bericht daarvoor.
demo-thumb-given = { $name } zet een 👍 op: { $excerpt }
demo-goodbye = Tot ziens! De demo bewaart alles in { $path }. Met brug demo --verder ga je later verder waar je was.
