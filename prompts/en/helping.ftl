## 🤝 /helpmee (bot/domain/helping.py, handlers/helping.py): helping with what already happens.

command-helpmee = Help with what already happens in the neighbourhood
helping-pick = 🤝 <b>We are helping</b>
    Sometimes helping with what is already going on is enough. What will you help with?
helping-nothing = Nothing is on the agenda right now, and no partner has something going. Put something on /agenda, or ask a partner what is going on (/partners).
helping-no-day = no date yet
helping-someone = someone from the neighbourhood
helping-preview-item = 🤝 <b>Helping with { $what }</b>
    📅 { $when }
    By: { $organiser }

    Brug puts it in the group. It already happens, so no vote is needed: whoever wants to help chooses 🙋 I'll join.
helping-preview-partner = 🤝 <b>Helping { $name }</b>
    They already do: { $moving }

    Brug puts it in the group. It already happens, so no vote is needed: whoever wants to help chooses 🙋 I'll join.
helping-button-go = 🤝 Yes, we will help
helping-posted = 🤝 Helping with <b>{ $title }</b> is in { $group }. Whoever wants to help chooses 🙋 I'll join there.
helping-posted-link = 🤝 Helping with <b>{ $title }</b> is in <a href="{ $link }">{ $group }</a>. Whoever wants to help chooses 🙋 I'll join there.
helping-already = You are already helping here: { $title }. Choose 🙋 I'll join there.
helping-button-open = 🤝 We will help
