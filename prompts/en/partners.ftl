## /partners: the longlist, the shortlist and the key figures ("Together with others").

partner-list-title =
    <b>Partners of { $group }</b> ({ $count })
    Turn the longlist into a shortlist (⭐): who is already moving and can you take along?
partner-list-empty = No partners yet. Think of the community centre, the neighbourhood director, the school, or that neighbour who is part of everything.
partner-list-page = Page { $page } of { $pages }
partner-line = { $star }<b>{ $name }</b>
partner-line-kind = { $kind }
partner-line-moving = already moving: { $moving }
partner-line-actions = { $count ->
        [one] 1 action together
       *[other] { $count } actions together
    }
partner-role-formal = { $role } (formal role)
partner-role-informal = { $role } (informal role)
partner-role-free = { $role }
partner-add = ➕ Add a partner
partner-card-name = { $star }<b>{ $name }</b>
partner-card-shortlist = On the shortlist: already moving with us.
partner-card-longlist = On the longlist.
partner-card-kind = Kind: { $kind }
partner-card-role = Key figure: { $role }
partner-card-contact = Contact: { $contact }
partner-card-moving = Already moving? { $moving }
partner-card-last = Last contact: { $day }
partner-card-actions = { $count ->
        [0] No actions together yet.
        [one] 1 action together:
       *[other] { $count } actions together:
    }
partner-card-action = • { $title } ({ $state ->
        [proposed] proposal
        [running] running
        [done] done
       *[other] let go
    }) { $day }
partner-shortlist-add = ⭐ Put on the shortlist
partner-shortlist-remove = Take off the shortlist
partner-edit-name = Name
partner-edit-kind = Kind
partner-edit-contact = Contact
partner-edit-moving = Already moving?
partner-edit-last = Last contact
partner-edit-role = Key figure
partner-remove = 🗑 Remove
partner-remove-confirm = Do you want to take <b>{ $name }</b> off the list? Actions with them are kept.
partner-remove-yes = Yes, remove
partner-removed = { $name } is no longer on the list.
partner-gone = This partner is no longer on the list.
partner-saved = Saved.
partner-ask-name = What is the partner or organisation called?
partner-ask-kind = What kind of partner is <b>{ $name }</b>?
partner-ask-kind-text = What kind of partner is <b>{ $name }</b>? Type it in a few words.
partner-ask-contact = How do you reach <b>{ $name }</b>? A name, phone number or email address. Type "-" if you do not know yet.
partner-ask-moving = Is <b>{ $name }</b> already moving? What do they already do in the neighbourhood, what can we join? Type "-" to leave it empty.
partner-ask-last = When did you last have contact with <b>{ $name }</b>? For example "yesterday", "last week" or "3 November".
partner-ask-role = Is <b>{ $name }</b> a key figure in the neighbourhood? Think of the neighbourhood director (wijkregisseur, a formal role) and neighbourhood mayors (buurtburgemeesters, an informal role).
partner-ask-role-text = What role does <b>{ $name }</b> have in the neighbourhood? Type "-" to leave it empty.
partner-role-choice-w = Neighbourhood director (formal)
partner-role-choice-b = Neighbourhood mayor (informal)
partner-role-choice-other = Another role…
partner-role-choice-x = Not a key figure
partner-role-name-w = neighbourhood director
partner-role-name-b = neighbourhood mayor
partner-bad-date = I do not understand that date, or it lies in the future. Try for example "yesterday" or "3 November".
partner-kind-welzijn = Social work
partner-kind-gemeente = Municipality
partner-kind-corporatie = Housing association
partner-kind-buurthuis = Community centre
partner-kind-zorg = Care
partner-kind-school = School
partner-kind-ondernemer = Local business
partner-kind-bewoner = Active resident
partner-kind-other = Other…
partner-skip = Skip

## Partners as equals: both ways, where we stand, wishes, done together, and a nudge when it goes quiet.

partner-line-status = { $status ->
        [meeting] getting to know each other
        [talking] in talks
        [together] we work together
       *[not_now] not (yet)
    }
partner-card-status = Where we stand: { $status ->
        [meeting] getting to know each other
        [talking] in talks
        [together] we work together
       *[not_now] not (yet)
    }
partner-card-asks = What do they ask of us? { $text }
partner-card-offer = What can we do for them? { $text }
partner-card-theirs = They want: { $text }
partner-card-ours = We want: { $text }
partner-card-done = 🤝 Done together: { $count ->
        [one] 1 action
       *[other] { $count } actions
    } ({ $titles })
partner-card-reached = reached: { $count ->
        [one] 1 person
       *[other] { $count } people
    }
partner-edit-status = Where do we stand?
partner-edit-asks = What do they ask?
partner-edit-offer = What do we offer?
partner-edit-theirs = What do they want?
partner-edit-ours = What do we want?
partner-ask-status = Where do we stand with <b>{ $name }</b>? Choose what fits best now. If it is new, I set the last contact to today.
partner-status-choice = { $mark }{ $status ->
        [meeting] 👋 Getting to know each other
        [talking] 💬 In talks
        [together] 🤝 We work together
       *[not_now] ⏸ Not (yet)
    }
partner-status-saved-contact = Saved. The last contact is now today. Not right? Choose Last contact.
partner-bad-status = I cannot choose that. Nothing was changed.
partner-ask-asks = What does <b>{ $name }</b> ask of us? For example: "help with the coffee morning". Type "-" to leave it empty.
partner-ask-offer = What can we do for <b>{ $name }</b>? Do not only ask: "What do we need?", but also: "What can we mean to each other?". Type "-" to leave it empty.
partner-ask-theirs = What does <b>{ $name }</b> want? Sometimes they want something else than we do, and that is fine. Write it in a few words, or type "-" to leave it empty.
partner-ask-ours = And what do we want, with <b>{ $name }</b>? Write it in a few words, or type "-" to leave it empty.
partner-quiet-nudge =
    📇 No contact with <b>{ $name }</b> for a while (since { $day }). Time for a call or a visit?
    <i>Shortlist of { $group }</i>
partner-quiet-nudge-never =
    📇 No contact with <b>{ $name }</b> has been noted yet. Time for a call or a visit?
    <i>Shortlist of { $group }</i>
partner-quiet-open = 📇 See the partner
partner-quiet-contacted = ✅ Just had contact
partner-contact-noted = Good! The last contact is now today.
