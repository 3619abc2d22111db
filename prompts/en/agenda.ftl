## /agenda: what already happens or is in the pipeline in the neighbourhood ("In the here and now").

agenda-title =
    <b>Neighbourhood agenda – { $group }</b>
    Join what already happens; there is no need to reinvent the wheel.
agenda-empty = Nothing on the agenda yet. Do you know something that happens in the neighbourhood or is in the pipeline? Add it.
agenda-page = Page { $page } of { $pages }
agenda-day = 📅 { $day }
agenda-day-at = 📅 { $day }, { $time }
agenda-past = ✔️ past ({ $day })
agenda-pipeline = 🔜 in the pipeline
agenda-what = <b>{ $what }</b>
agenda-place = { $place }
agenda-organiser = by { $organiser }
agenda-our-action = 🌉 our action{ $state ->
        [proposed] { " " }(proposal)
       *[other] {""}
    }
agenda-add = ➕ Add something
agenda-card-what = <b>{ $what }</b>
agenda-card-when = When: { $day }
agenda-card-when-at = When: { $day }, { $time }
agenda-card-where = Where: { $place }
agenda-card-organiser = Organised by: { $organiser }
agenda-edit-what = What
agenda-edit-when = When
agenda-edit-where = Where
agenda-edit-organiser = Organiser
agenda-remove = 🗑 Remove
agenda-remove-confirm = Do you want to take <b>{ $what }</b> off the agenda?
agenda-remove-yes = Yes, remove
agenda-removed = { $what } is no longer on the agenda.
agenda-gone = This is no longer on the agenda.
agenda-saved = It is on the agenda.
agenda-ask-what = What happens in the neighbourhood, or what is in the pipeline? Briefly, for example "Coffee morning at the community centre".
agenda-ask-when = When is <b>{ $what }</b>? For example "Saturday", or with a time: "Saturday 2pm". Type "-" if it is not fixed yet.
agenda-ask-where = Where is it? Type "-" if you do not know.
agenda-ask-organiser = Who organises it? Type "-" if you do not know.
agenda-bad-date = I do not understand that date, or it has passed. Try for example "Saturday" or "12 December", or type "-".
