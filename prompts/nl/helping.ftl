## 🤝 /helpmee (bot/domain/helping.py, handlers/helping.py): helpen bij wat er al gebeurt.

command-helpmee = Help mee bij wat er al gebeurt in de buurt
helping-pick = 🤝 <b>Wij helpen mee</b>
    Soms is meehelpen bij wat er al speelt genoeg. Waar helpen jullie bij?
helping-nothing = Er staat nu niets op de agenda, en geen partner met iets wat al loopt. Zet iets op /agenda, of vraag een partner wat er speelt (/partners).
helping-no-day = nog geen datum
helping-someone = iemand uit de buurt
helping-preview-item = 🤝 <b>Meehelpen bij { $what }</b>
    📅 { $when }
    Van: { $organiser }

    Brug zet het in de groep. Het gebeurt al, dus er hoeft niet gestemd te worden: wie mee wil helpen, kiest 🙋 Ik doe mee.
helping-preview-partner = 🤝 <b>Meehelpen bij { $name }</b>
    Zij doen al: { $moving }

    Brug zet het in de groep. Het gebeurt al, dus er hoeft niet gestemd te worden: wie mee wil helpen, kiest 🙋 Ik doe mee.
helping-button-go = 🤝 Ja, wij helpen mee
helping-posted = 🤝 Meehelpen bij <b>{ $title }</b> staat in { $group }. Wie mee wil helpen, kiest daar 🙋 Ik doe mee.
helping-posted-link = 🤝 Meehelpen bij <b>{ $title }</b> staat in <a href="{ $link }">{ $group }</a>. Wie mee wil helpen, kiest daar 🙋 Ik doe mee.
helping-already = Hier helpen jullie al mee: { $title }. Kies daar 🙋 Ik doe mee.
helping-button-open = 🤝 Wij helpen mee
