## brug demo: a trial chat in the terminal, without Telegram. The demo itself says this; Brug says the rest.
## Plain text (a terminal shows no HTML): do not use < or &.

demo-welcome =
    Welcome to the Brug demo: a trial chat on your own computer, without Telegram.
    The group { $group } has three members: Anna (coordinator), Bert and Carla.
    Anna has just added Brug to the group. You play the members: type what they would type in the group.
    Type /hulp to see how to switch person, conversation or time.
demo-welcome-back =
    Welcome back to the Brug demo. Everything from last time is still here.
    { $name } is talking now, in the group { $group }. The clock says { $moment }.
    Type /hulp for the explanation.
demo-help =
    How the demo works:
      /actie, /acties, /mijn, /help …   just type them: the member says that to Brug
      1, 2, 3 …          pick one of Brug's numbered choices
      /als bert          switch who is talking ({ $names })
      /prive, /groep     switch between the private chat with Brug and the group
      /tijd +2d          move the clock forward (+3u = three hours, +30m = thirty minutes); then reminders come
      /duim              a 👍 on the latest proposal: that is support (/duim 2: the proposal before it)
      /hulp              this explanation
      /stop              stop (Ctrl-D works too)
demo-header-group = ── group { $title } ──
demo-header-private = ── private: { $name } ──
demo-edited = (updated)
demo-deleted = (Brug took back an earlier message)
demo-reply-to = (answer to { $name })
demo-document-saved = (file saved: { $path })
demo-where-group = group
demo-where-private = private
demo-now-speaking = { $name } is talking now.
demo-now-in-group = You are now in the group { $group }.
demo-now-private = You are now in { $name }'s private chat with Brug.
demo-moved-private = Brug writes to { $name } privately, so you are there now. /groep takes you back to the group.
demo-who = Who do you want to be? Type for example /als bert. You can choose from: { $names }.
demo-unknown-person = I don't know "{ $name }" in this demo. You can choose from: { $names }.
demo-time-bad = I can't move the clock like that. Type for example /tijd +2d (two days), /tijd +3u (three hours) or /tijd +30m (thirty minutes).
demo-time-moved = The clock now says { $moment }.
demo-time-quiet = It is quiet time in the group now: Brug waits with reminders until { $until }:00.
demo-thumb-none = There is no proposal with 👍 Support here yet to put a 👍 on.
demo-thumb-bad = Type /duim for the latest proposal, or /duim 2 for the proposal before it.
demo-thumb-given = { $name } puts a 👍 on: { $excerpt }
demo-goodbye = Goodbye! The demo keeps everything in { $path }. With brug demo --verder you continue later where you left off.

## brug try: a trial chat with Brug through a small imitation of Telegram. The same control words as the demo.

try-welcome = Brug is now running on your own computer, without Telegram. Type what you would type in Telegram.
try-help =
    How brug try works:
      /start, /help, /actie …   just type them: you say that to Brug
      1, 2, 3 …          press button 1, 2, 3 under the latest message
      /groep, /prive     switch between the test group and your private chat with Brug
      /hulp              this explanation
      /stop              stop (Ctrl-D works too)
try-now-in-group = (you are now in the { $group })
try-now-private = (you are now in your private chat with Brug)
try-demo-only = { $word } only works in brug demo. Type /hulp for what works here.
demo-web = (The neighbourhood's pages run on this computer: { $url } — a 📣 link opens in your browser.)
