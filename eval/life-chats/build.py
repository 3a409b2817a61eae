#!/usr/bin/env python3
"""Builds eval/life-chats/{memories,queries}.jsonl: a blind, turn-level retrieval set of long multi-session chats
between individual people and a general assistant (not coding). Each person is one project scope; each chat session
is one conversation; each turn (user and assistant alternating, the user first) is one memory with its role. Sessions
drift between topics, carry details in passing (a sister's city inside a story about a trip), state preferences once
(explicitly or implicitly) and change facts over time (moves, jobs, diets, a pet's weight, budgets, a car, a training
plan, a favourite show).

Questions are phrased the way a person asks an assistant months later, often sharing few words with the answer.
Gold is at the turn level (goldIds, chosen by reading) and the session level (goldConversations). For
knowledge-update questions only the newest statement is gold; the superseded turns are listed and checked to be
older. Written blind: the author did not read mx's ranking code, EVAL.md or other sets' questions.

Run: python3 eval/life-chats/build.py  (rewrites the two files next to this script; deterministic, stdlib only)."""

import json
import os
from collections import Counter
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
U, A = "user", "assistant"
DEFAULT_ASKED = "2025-06-20 10:00"
TYPES = ["single-session-user", "single-session-assistant", "preference", "knowledge-update", "temporal",
         "multi-session", "multi-hop", "open-domain"]

# user -> [(session number, start "YYYY-MM-DD HH:MM", [(role, text)])]; session id f"{user}-{nn:02d}",
# turn id f"{session id}-t{n}" with n from 1.
SESSIONS = {}
# user -> [(type, askedAt or None for DEFAULT_ASKED, question, gold short ids "NN-tK", superseded short ids)]
QUERIES = {}

SESSIONS["maya"] = [
    (1, "2024-04-03 19:10", [
        (U, "Hi! I signed up for the Manchester Half Marathon on 13 October. I'm a bit terrified. Right now I run three times a week and my 5k is about 29 minutes."),
        (A, "Congratulations, that's a great goal and six months is plenty of time. With a 29-minute 5k a finish somewhere around 2:05-2:15 is realistic. Do you want a rough plan?"),
        (U, "Yes please, but keep it to three runs a week, I can't do more with work."),
        (A, "Here's a simple three-runs-a-week structure you can repeat and build on:\n\n**April-May (base):** one easy run of 30-40 min, one run with 6 x 2 min slightly faster than comfortable (2 min walk/jog between), one long run that grows from 6 km to 10 km. Everything else easy: you should be able to talk in full sentences.\n\n**June-July (build):** easy run 40-45 min, a tempo run (15 then 20 min at 'comfortably hard'), long run 11-15 km. Drop back every fourth week to about 70% of the volume.\n\n**August-September (specific):** easy run, a session at goal pace (3 x 3 km at ~6:00/km), long run up to 18-19 km, two of them with the last 3 km at goal pace.\n\n**Taper (last two weeks):** cut volume by a third, then half, keep a few short pickups so your legs stay sharp.\n\nTwo rules: increase the long run by no more than 1-2 km a week, and if something hurts for more than two runs in a row, take three days off rather than pushing through."),
        (U, "ok that makes sense. thanks!"),
        (A, "Any time. Tell me how the first long run goes."),
    ]),
    (2, "2024-04-11 08:30", [
        (U, "Different topic: the vet said my beagle Biscuit is overweight. He's 14.5 kg and she'd like him around 12.5."),
        (A, "That's a common one with beagles, they're food-motivated and very good at begging. A steady loss of 1-2% of body weight per week is the usual target, so roughly 150-250 g a week. Are you feeding kibble, wet food or a mix?"),
        (U, "Kibble, about 200 g a day, plus whatever he steals from the kids next door honestly."),
        (A, "Some practical things that usually work:\n- weigh the kibble on a kitchen scale instead of using a scoop; scoops are often 20-30% over\n- go to the amount the bag gives for his *target* weight (12.5 kg), not his current weight, roughly 160-170 g for most adult formulas\n- take his treats out of the daily ration, and swap biscuits for raw carrot or green beans\n- a snuffle mat or scatter-feeding slows him down and keeps him busy\nWeigh him every two weeks at the same time of day."),
        (U, "Carrots he'll love. Thanks"),
        (A, "Good luck to Biscuit!"),
    ]),
    (3, "2024-04-25 17:45", [
        (U, "I'm having four friends over on Saturday. I'm vegetarian and my boyfriend Sam has a nut allergy, so I need a main that works for both and isn't a boring pasta bake."),
        (A, "How about a wild mushroom risotto with crispy sage and a lemony rocket salad? Nut-free, vegetarian and it feels special.\n\n**Serves 6**\n- 30 g dried porcini, soaked in 300 ml hot water\n- 500 g mixed mushrooms (chestnut, oyster, shiitake), torn\n- 1.5 litres vegetable stock, kept hot\n- 2 shallots and 2 garlic cloves, finely chopped\n- 450 g arborio or carnaroli rice\n- 150 ml dry white wine\n- 60 g butter, 80 g vegetarian hard cheese (parmesan itself uses animal rennet)\n- a handful of sage leaves, olive oil, lemon\n\n1. Fry the fresh mushrooms hot in batches until golden; season and set aside.\n2. Soften the shallots and garlic in butter, add the rice and toast 2 minutes.\n3. Add the wine, let it bubble away, then the chopped porcini.\n4. Add the stock and porcini liquid a ladle at a time, stirring, for about 18 minutes.\n5. Off the heat beat in the rest of the butter and the cheese, fold in the mushrooms, rest 2 minutes.\n6. Fry the sage leaves in olive oil until crisp and scatter on top.\n\nCheck the stock cube and the cheese labels for nut traces if Sam's allergy is severe."),
        (U, "Perfect. Could I make any of it ahead?"),
        (A, "Fry the mushrooms and sage in the afternoon and par-cook the risotto to step 4 for about 12 minutes, spread it on a tray to cool. Finish with the remaining stock when people arrive; it takes 6-7 minutes."),
        (U, "Great, Sam will be relieved it's not another pesto situation lol"),
        (A, "Ha, definitely no pesto. Enjoy the dinner!"),
    ]),
    (4, "2024-05-08 21:00", [
        (U, "I'm going to Copenhagen for five days in June (19th to 23rd) to see my sister Jo. She moved there last year for an architecture job and lives in Nørrebro."),
        (A, "Lovely, June is a great time, long evenings. What do you both enjoy? Museums, food, walking, swimming?"),
        (U, "Design and food mostly, and walking. Jo works during the day so I'll be on my own for two of the days."),
        (A, "A loose plan you can shuffle around Jo's work:\n\n**Day 1 (arrive):** walk around Nørrebro with Jo, Assistens Cemetery (locals picnic there), dinner on Jægersborggade.\n**Day 2 (solo):** Designmuseum Danmark in the morning, then Nyhavn and a harbour bus to Refshaleøen; Reffen street food for lunch; Copenhill if you want to walk up a ski slope on a power plant.\n**Day 3 (solo):** train to Louisiana Museum of Modern Art in Humlebæk (about 40 min), sculpture park and a swim at the beach below it if it's warm.\n**Day 4 (with Jo):** bikes for the day, Christianshavn, the Royal Library's Black Diamond, a harbour bath swim at Islands Brygge, dinner somewhere special.\n**Day 5:** Torvehallerne market for breakfast and smørrebrød before your flight.\n\nGet a City Pass Small for zones 1-4; it covers the airport and the train to Louisiana is just outside, so buy that leg separately."),
        (U, "Love it. Also I need to bring her something and it's always a nightmare. Her flat is basically empty, she gives away anything that just sits on a shelf. The only presents she's ever kept are ones she can eat, drink or burn."),
        (A, "Then go consumable: a nice bottle of something from Manchester (a local gin), good British cheese in a cool bag, a tin of proper tea, or a hand-poured candle from a local maker. Nothing decorative."),
        (U, "Gin it is. Thanks!"),
        (A, "Have a wonderful trip."),
    ]),
    (5, "2024-05-22 12:15", [
        (U, "It's our anniversary with Sam in two weeks. Can you recommend a place in Manchester? The best meal I had last year was at a tiny counter place where you watch the chef cook, about ten seats. I can't stand places where you have to shout across the table."),
        (A, "Given that, I'd look for small chef's-counter or tasting-menu places rather than big buzzy dining rooms. In Manchester, places in the Northern Quarter and Ancoats do small-plate counters; book the counter seats specifically and ask for an early sitting, which is always quieter. Do you need it to be vegetarian-friendly with a nut-free option?"),
        (U, "Yes both, always."),
        (A, "Then call ahead: counter places cook to order and can usually do a vegetarian tasting menu and leave nuts out if they know 48 hours in advance. Mention it's an anniversary; many will do something small."),
        (U, "ok, booked a counter spot for the 5th. yay"),
        (A, "Happy anniversary to you both!"),
    ]),
    (6, "2024-06-25 20:30", [
        (U, "Back from Copenhagen! Louisiana was the highlight, I swam below the museum and it was freezing and perfect."),
        (A, "That sounds like a perfect day. How was Jo?"),
        (U, "Really good. She has a boyfriend now, Mads, he's a carpenter and made all their furniture. The gin went down well."),
        (A, "Of course it did. Did the bike day happen?"),
        (U, "Yes, we did Christianshavn and the harbour bath. Total damage for the trip was about £640 including flights, which is fine."),
        (A, "That's reasonable for five days in Copenhagen, which isn't a cheap city. Want me to keep a note of trips and what they cost you?"),
        (U, "Sure, why not"),
        (A, "Noted: Copenhagen, June 19-23, about £640 all in."),
    ]),
    (7, "2024-07-09 07:50", [
        (U, "The outside of my right knee hurts after about 8 km. Fine when walking."),
        (A, "Pain on the outside of the knee that starts at a predictable distance is very often iliotibial band syndrome (ITBS). I can't diagnose it, but it's worth seeing a physio. Meanwhile: shorten your long run to just under where it starts hurting, avoid cambered roads and downhill, and do hip strength work (side-lying leg raises, clamshells, single-leg squats)."),
        (U, "I've got a physio appointment on Friday."),
        (A, "Good. Ask them about a return-to-run plan so you don't lose too much of your half-marathon build."),
        (U, "Will do"),
        (A, "Fingers crossed it's something simple."),
    ]),
    (8, "2024-07-18 18:00", [
        (U, "Physio said ITB, as you guessed. Two weeks of only short runs and strength. Anyway, bigger news: I have a final interview on Monday for a senior product designer role at Rockpool Games in Edinburgh!"),
        (A, "That's exciting! What's the format of the final round?"),
        (U, "A portfolio presentation, 30 minutes, to the head of design and two producers."),
        (A, "For a games studio panel with producers in the room:\n- lead with one case study in depth rather than four shallow ones, and show the messy middle (what you tried and dropped)\n- translate your fintech work into their language: onboarding = first-time user experience, drop-off funnels = player retention\n- bring one small thing you'd change in one of their games, framed as a hypothesis, not a critique\n- leave 10 minutes for questions and have three of your own ready, e.g. how designers and producers decide scope"),
        (U, "The onboarding = FTUE thing is smart. ok I'm going to prep the case study tonight"),
        (A, "Good luck on Monday!"),
    ]),
    (9, "2024-08-01 19:30", [
        (U, "I GOT IT. I start at Rockpool on 2 September. Which means moving to Edinburgh in a month. Help."),
        (A, "Congratulations!! Let's break it down. What's your rent budget, and are you bringing Biscuit?"),
        (U, "Biscuit is definitely coming. Budget up to £1,100 a month for a one-bed. The office is near Haymarket. Sam's staying in Manchester for now, we'll see."),
        (A, "With a dog and a Haymarket office, neighbourhoods worth looking at:\n\n- **Leith**: the best value for a one-bed within budget, lots of independent places to eat, the Water of Leith walkway for dog walks, tram straight to Haymarket (about 20 min).\n- **Gorgie/Dalry**: cheapest, walking distance to Haymarket, a bit less charming.\n- **Marchmont/Bruntsfield**: lovely, next to the Meadows which is great for dogs, but one-beds under £1,100 go fast and landlords there are often stricter about pets.\n- **Portobello**: by the beach, very dog friendly, longer commute (30-40 min bus).\n\nIn Edinburgh listings go within days; have references, proof of income (your offer letter), and a pet reference from your current landlord ready to send. Ask for 'pets considered' and offer a slightly bigger deposit if needed."),
        (U, "Leith sounds like me. Thank you!!"),
        (A, "Let me know what you find."),
    ]),
    (10, "2024-08-22 09:00", [
        (U, "Found a flat in Leith, £1,050, landlord is ok with Biscuit. Moving on the 30th. How do I get a beagle through a 4-hour car journey?"),
        (A, "Long walk before you leave, no big meal for a few hours before, a crate or a dog seat belt, a stop every 1.5-2 hours for water and a short sniff. If he gets car-sick ask your vet about an anti-nausea tablet. Bring his bed and an unwashed blanket, the familiar smell helps in the new flat."),
        (U, "Good thinking. He's down to 13.6 kg by the way, the carrots are working."),
        (A, "Nearly a kilo, that's great progress. Keep the same portions through the move; stress can change appetite."),
        (U, "Will do"),
        (A, "Good luck with the move!"),
    ]),
    (11, "2024-09-15 21:15", [
        (U, "Two weeks into the job, loving it. Leith is great. I've been coming home and watching Slow Horses every night, it's my favourite thing on TV right now."),
        (A, "Glad the job's going well! Slow Horses is a great pick: Gary Oldman as Jackson Lamb is something else. Have you read the Mick Herron books it's based on?"),
        (U, "No! Are they good?"),
        (A, "Very. The series is faithful but the books are funnier. Start with *Slow Horses*, then *Dead Lions*. There are eight novels plus novellas."),
        (U, "Adding them. Also is it normal to be exhausted in a new job even when it's going well?"),
        (A, "Completely. Everything is new: names, tools, unwritten rules. It usually eases after 6-8 weeks. Protect your sleep and your runs, those help more than anything."),
        (U, "ok. thanks"),
        (A, "Any time."),
    ]),
    (12, "2024-10-14 10:00", [
        (U, "I did it!!! Manchester Half yesterday, 2:04:37. Knee held up."),
        (A, "Amazing! Under 2:05 on your first half with an ITB niggle in the summer, that's a great result. How do you feel?"),
        (U, "Stairs are my enemy. What should this week look like?"),
        (A, "Two or three days off or just walking, then a couple of easy 20-30 minute runs. Sleep, protein, and no hard sessions for at least 10 days. A rough rule is one easy day per mile raced before anything intense."),
        (U, "I'm already thinking about a full marathon next year..."),
        (A, "Ha, it happens to everyone. Give it a few weeks and if you still want it, we'll look at spring races."),
    ]),
    (13, "2024-11-05 18:40", [
        (U, "Vet check today: Biscuit is 12.8 kg! She's really pleased."),
        (A, "Brilliant, that's 1.7 kg down since April. At this point you're close to maintenance: keep portions where they are and see if he levels off around 12.5."),
        (U, "Also, confession: since moving here I've started eating fish again. Not meat, just fish. Edinburgh has good fish and I felt a bit low on energy with the running."),
        (A, "That makes sense, and it's a very common change for runners. Pescatarian gives you easy omega-3s and protein. Want a quick salmon recipe?"),
        (U, "Yes, something for a weeknight."),
        (A, "**Miso-glazed salmon with greens (2 people, 20 min)**\n- 2 salmon fillets\n- 1 tbsp white miso, 1 tbsp honey, 1 tsp soy sauce, 1 tsp rice vinegar, a little grated ginger\n- 1 head of pak choi or a bag of tenderstem broccoli\n- rice to serve, sesame seeds, spring onion\n\n1. Mix miso, honey, soy, vinegar and ginger.\n2. Put the salmon skin-side down on a lined tray, spread the glaze on top, grill on high for 7-9 minutes until it caramelises and the fish flakes.\n3. Meanwhile steam or stir-fry the greens with a splash of soy.\n4. Serve on rice with sesame seeds and spring onion.\n\nNo nuts anywhere, so it's safe for Sam too (sesame is a seed, but check if his allergy extends to it)."),
        (U, "Making that tomorrow. thank you"),
        (A, "Enjoy!"),
    ]),
    (14, "2024-11-28 20:00", [
        (U, "Christmas planning. I want to keep total spending on presents under £400 this year."),
        (A, "Very doable. Who's on the list?"),
        (U, "Sam, Jo and Mads, my mum and dad, and a few small things for the team at work. Sam's actually moving up to Edinburgh in January! He got a transfer."),
        (A, "That's great news! A split that often works: Sam £120, parents £100 together, Jo and Mads £70, colleagues £40, leaving £70 buffer for wrapping, postage to Copenhagen and last-minute panic. For Sam, something for the new shared flat could be sweet."),
        (U, "Good idea. He's been wanting a proper chef's knife."),
        (A, "A Victorinox Fibrox 20 cm is an excellent knife at around £45; if you want something special, a Japanese gyuto around £100-120 is a lovely present for someone who cooks a lot."),
        (U, "ok going gyuto"),
        (A, "He'll love it."),
    ]),
    (15, "2024-12-18 19:00", [
        (U, "OK I've done it. Signed up for the Edinburgh Marathon, 25 May 2025."),
        (A, "Brilliant! Edinburgh is a good first marathon: mostly flat and along the coast, though the wind can be a factor. That's about 23 weeks from now. What's your running like at the moment?"),
        (U, "Three runs a week, 30 km total. I think I need to go to four runs for a marathon though?"),
        (A, "Four is a good idea for a first marathon. Suggested week from January:\n- Tue: easy 45-60 min\n- Wed: workout (tempo or intervals)\n- Fri: easy 40 min\n- Sun: long run, building from 16 km to 30-32 km by early May\nTwo strength sessions of 20 minutes (keep the hip work from your ITB rehab). Build total volume by ~10% a week with an easier week every fourth week. Peak around 50-55 km in late April, then taper three weeks."),
        (U, "Four runs from January, got it."),
        (A, "Let's check in every few weeks."),
    ]),
    (16, "2025-01-19 11:30", [
        (U, "Sam's moved in! We found a bigger flat in Portobello, two-bed, £1,450 a month. Biscuit is obsessed with the beach."),
        (A, "Oh lovely, a beach dog now. How's the commute to Haymarket?"),
        (U, "About 35 min on the bus, I read on it so it's fine."),
        (A, "Perfect use of the time. Still going through the Mick Herron books?"),
        (U, "On Real Tigers now. Also we need to figure out splitting bills, Sam earns a bit more than me."),
        (A, "Couples often split shared costs in proportion to income. E.g. if you earn £42k and Sam £50k, you'd pay about 46% and Sam 54% of rent and bills. Some keep a joint account just for shared costs with monthly standing orders in that proportion, and keep everything else separate."),
        (U, "Proportional makes sense, we'll do that."),
        (A, "Sounds fair to both of you."),
    ]),
    (17, "2025-02-06 21:45", [
        (U, "Finished Slow Horses and now I'm completely into Shrinking. It's my new favourite, I watched both seasons in a week."),
        (A, "Shrinking is such a warm show. Want suggestions for what to watch next?"),
        (U, "Yes, something with the same feel"),
        (A, "If you like funny-but-sad shows about people being kind to each other: *Ted Lasso* (same creators), *Somebody Somewhere*, *Derry Girls*, *Detectorists* (very gentle, very British), and *Fleabag* if you want it sharper."),
        (U, "Detectorists is going on the list. Oh and Biscuit weigh-in: 12.1 kg, the vet says that's his ideal now."),
        (A, "Goal achieved! From 14.5 to 12.1 kg, that's 2.4 kg, a big deal for a beagle. Now switch to maintenance portions."),
        (U, "He doesn't know he's done but he's very happy"),
        (A, "A happy beagle is the best kind."),
    ]),
    (18, "2025-02-27 16:20", [
        (U, "We bought a car! A used 2019 Toyota Yaris hybrid, £9,800. Mostly so we can take Biscuit to the Pentlands at weekends."),
        (A, "A Yaris hybrid is a very sensible choice: reliable and cheap to run in town. Have you sorted insurance and checked when the MOT is due?"),
        (U, "Insurance yes, MOT is due in August."),
        (A, "Put a reminder in July. For the Pentlands, Flotterstone and Harlaw car parks are good starting points; keep Biscuit on a lead in spring because of lambing and ground-nesting birds."),
        (U, "Good to know about lambing"),
        (A, "Enjoy the hills!"),
    ]),
    (19, "2025-03-22 08:10", [
        (U, "Long run today was 28 km, slow but done. I'm struggling with fuelling, gels make me feel sick."),
        (A, "That's very common. Some options: try gels with a thinner, more watery texture (e.g. isotonic gels), take them with water rather than on their own, or switch to real food like jelly babies, dates or a banana. Practice every long run. Aim for 30-60 g of carbs per hour after the first 45 minutes."),
        (U, "Jelly babies I can do. The caffeine ones made me really jittery at 20 km too, so none of those."),
        (A, "Then caffeine-free: jelly babies, maybe a salted date or two, and an electrolyte drink. Test the exact combination on your next 30 km run so nothing is new on race day."),
        (U, "got it"),
        (A, "You're in good shape. Two more big long runs and then taper."),
    ]),
    (20, "2025-04-16 20:00", [
        (U, "Jo is getting married! To Mads, on 14 June, in Copenhagen. Small wedding in a garden."),
        (A, "How wonderful! Please pass on congratulations. Are you in the wedding party?"),
        (U, "I'm giving a speech. Which is scarier than the marathon."),
        (A, "Tips for a sister speech: 3-4 minutes maximum, one story that shows who Jo is (the empty flat and only keeping things she can eat or burn could be a lovely one), one line about how Mads fits her, then a toast. Practise it out loud five times, not in your head."),
        (U, "Ha, the empty flat story is perfect. We're flying from Edinburgh on the 12th."),
        (A, "Great, that gives you a couple of days. That's well after the marathon too, so you'll have recovered."),
        (U, "Exactly. Budget for the wedding trip is £900 for both of us including the present."),
        (A, "That's workable: flights from Edinburgh to Copenhagen are often £100-150 return each if you book soon, leaving plenty for three nights and a present."),
    ]),
    (21, "2025-05-27 18:00", [
        (U, "Marathon done!!! 4:41:10. Windy, hard, amazing."),
        (A, "You're a marathoner! Congratulations, that's a fantastic first marathon, especially with the wind. How are the legs?"),
        (U, "Destroyed. Jelly babies worked though, no sick feeling."),
        (A, "Great that the fuelling plan worked. Rest properly this week: walking, sleep, good food. No running for at least 5-7 days."),
        (U, "Plan is to eat a lot of fish and watch Detectorists"),
        (A, "Sounds like perfect recovery."),
    ]),
]

QUERIES["maya"] = [
    ("single-session-user", None, "what time did I run my 5k in back when I first started training?", ["01-t1"], []),
    ("single-session-user", None, "what's my sister's boyfriend's job?", ["06-t3"], []),
    ("single-session-user", None, "which part of Copenhagen does Jo live in?", ["04-t1"], []),
    ("single-session-user", None, "who's my employer now, the games company?", ["08-t1", "09-t1"], []),
    ("single-session-user", None, "how much was the car we bought?", ["18-t1"], []),
    ("single-session-user", None, "how long is my bus commute from the new flat?", ["16-t3"], []),
    ("single-session-assistant", None, "what was that mushroom dish you suggested for my dinner party?", ["03-t2"], []),
    ("single-session-assistant", None, "remind me what you said about how scoops mess up dog food portions", ["02-t4"], []),
    ("single-session-assistant", None, "which neighbourhoods did you say were good for someone with a dog near Haymarket?", ["09-t4"], []),
    ("single-session-assistant", None, "what was your tip about translating my fintech work for the games people?", ["08-t4"], []),
    ("single-session-assistant", None, "which car parks did you mention as starting points for hill walks?", ["18-t4"], []),
    ("single-session-assistant", None, "what's the rule you gave me for recovering after a race", ["12-t4"], []),
    ("single-session-assistant", None, "what book should I start the spy series with?", ["11-t4"], []),
    ("preference", None, "suggest a wedding present for my sister", ["04-t5"], []),
    ("preference", None, "can you recommend somewhere nice to eat in Edinburgh for Sam's birthday?", ["05-t1", "03-t1"], []),
    ("preference", None, "any tips for energy during my next long race? what should I eat on the run", ["19-t3", "19-t5"], []),
    ("preference", None, "what should I watch tonight? something I'd enjoy", ["17-t1", "17-t4"], []),
    ("preference", None, "give me a dinner idea for when my parents visit, they'll eat anything", ["13-t3", "03-t1"], []),
    ("preference", None, "how many runs a week am I happy to do with my job?", ["01-t3"], []),
    ("knowledge-update", None, "how much does Biscuit weigh now?", ["17-t5"], ["02-t1", "10-t3", "13-t1"]),
    ("knowledge-update", None, "what's my rent at the moment?", ["16-t1"], ["09-t3", "10-t1"]),
    ("knowledge-update", None, "am I still vegetarian?", ["13-t3"], ["03-t1"]),
    ("knowledge-update", None, "what's my favourite show these days", ["17-t1"], ["11-t1"]),
    ("knowledge-update", None, "where do I live?", ["16-t1"], ["09-t1", "10-t1"]),
    ("knowledge-update", None, "how many days a week am I running in my current plan?", ["15-t5"], ["01-t1", "01-t3"]),
    ("knowledge-update", None, "do Sam and I live in different cities?", ["16-t1"], ["09-t3", "14-t3"]),
    ("temporal", None, "how long did it take Biscuit to get from the first vet weigh-in to his ideal weight?", ["02-t1", "17-t5"], []),
    ("temporal", None, "how many weeks between getting the job offer and my first day?", ["09-t1"], []),
    ("temporal", None, "what was my half marathon finish time in October?", ["12-t1"], []),
    ("temporal", None, "what did I originally want Biscuit to weigh?", ["02-t1"], []),
    ("temporal", None, "the week before my Edinburgh interview, what was wrong with my knee?", ["07-t1", "08-t1"], []),
    ("temporal", None, "how long after I started at Rockpool did Sam move up?", ["09-t1", "14-t3", "16-t1"], []),
    ("temporal", None, "what did I do the weekend after the half marathon result, did you tell me to rest?", ["12-t4"], []),
    ("temporal", None, "in February what car did we buy", ["18-t1"], []),
    ("multi-session", None, "list every Biscuit weigh-in I've told you about", ["02-t1", "10-t3", "13-t1", "17-t5"], []),
    ("multi-session", None, "how many times have I been to Copenhagen or planned to go?", ["04-t1", "20-t5"], []),
    ("multi-session", None, "what recipes have you given me?", ["03-t2", "13-t6"], []),
    ("multi-session", None, "all the races I've signed up for", ["01-t1", "15-t1"], []),
    ("multi-session", None, "what TV shows and books have I mentioned enjoying?", ["11-t1", "11-t4", "16-t5", "17-t1", "21-t5"], []),
    ("multi-session", None, "total spent on trips and big purchases this year: Copenhagen, the car, the wedding budget", ["06-t5", "18-t1", "20-t7"], []),
    ("multi-session", None, "every time I had an injury or felt bad while running", ["07-t1", "19-t1", "19-t3"], []),
    ("multi-hop", None, "the city where my sister's wedding is — what museum did you suggest I take the train to there?", ["20-t1", "04-t4"], []),
    ("multi-hop", None, "what kind of knife did I decide to get for the person I live with?", ["14-t3", "14-t6", "14-t7", "16-t1"], []),
    ("multi-hop", None, "what's safe to cook for my partner given his allergy — did the salmon dish have any problem?", ["03-t1", "13-t6"], []),
    ("multi-hop", None, "what story did you suggest for my speech at the wedding, and where did it come from?", ["20-t4", "04-t5"], []),
    ("multi-hop", None, "the neighbourhood I first moved to in Edinburgh, how long was the tram to work from there?", ["10-t1", "09-t4"], []),
    ("open-domain", None, "is the marathon I signed up for before or after my sister's wedding?", ["15-t1", "20-t1"], []),
    ("open-domain", None, "how far was the race I ran in Manchester in km?", ["01-t1", "12-t1"], []),
    ("open-domain", None, "is the author of the spy books I'm reading British?", ["11-t4"], []),
    ("open-domain", None, "what country's currency will I need for the wedding?", ["20-t1"], []),
    ("open-domain", None, "what's the average pace per km of my marathon time?", ["21-t1"], []),
    ("single-session-user", "2024-09-01 09:00", "what did I say my rent budget for Edinburgh was?", ["09-t3"], []),
    ("knowledge-update", "2024-09-01 09:00", "how heavy is Biscuit now?", ["10-t3"], ["02-t1"]),
    ("preference", "2024-08-15 09:00", "my sister's birthday is coming up, any gift ideas?", ["04-t5"], []),
    ("temporal", "2024-11-20 09:00", "how much weight has Biscuit lost since spring?", ["02-t1", "13-t1"], []),
    ("multi-session", "2024-12-01 09:00", "what have I spent on travel so far this year?", ["06-t5"], []),
    ("knowledge-update", "2024-12-01 09:00", "who does Sam live with right now?", ["14-t3"], ["09-t3"]),
]

SESSIONS["ravi"] = [
    (1, "2024-03-10 14:20", [
        (U, "I'm an ICU nurse, I work three 12-hour night shifts a week at Travis General here in Austin. My sleep on days off is a wreck. Any advice?"),
        (A, "Night-shift sleep is genuinely hard, so be kind to yourself. A few things that help most people:\n- anchor sleep: keep a 4-hour block (say 9 am-1 pm) that you sleep even on days off, and shift the rest around it\n- on the drive home wear sunglasses; morning light is what tells your brain it's daytime\n- blackout blinds, a cool room (18-19 °C / 65 °F) and white noise\n- caffeine only in the first half of the shift\n- on the switch back to days, take a short sleep after your last shift and go to bed early that night rather than staying up all day"),
        (U, "The sunglasses thing is new to me. I do drink coffee at like 4am though"),
        (A, "At 4 am with a 7 am finish, that caffeine is still fully active when you try to sleep at 8. Try moving your last coffee to around 1-2 am."),
        (U, "Fine. I'll try it"),
        (A, "Let me know how the week goes."),
    ]),
    (2, "2024-03-24 10:05", [
        (U, "Got bloodwork back. A1c is 5.9, so prediabetic. My doctor said cut down carbs. I'm thinking of going full keto."),
        (A, "Sorry to hear it, but 5.9 is very catchable and lifestyle changes work well at this stage. Keto can lower A1c quickly. A few things to know:\n\n- keto means roughly under 20-50 g of carbs a day, so rice, bread, most fruit, lentils and potatoes are out\n- the first 1-2 weeks can bring 'keto flu': headache, tiredness, cramps. Salt, water and magnesium help\n- it can raise LDL cholesterol in some people, so ask your doctor to recheck your lipids in 3-6 months\n- it's hard to sustain long term for many people; a lower-carb Mediterranean pattern is an alternative with strong evidence\n\nOn a 12-hour night shift, plan the food you bring, because the vending machine won't help."),
        (U, "I'll do keto for now, the doctor is ok with it as long as we recheck cholesterol in the fall."),
        (A, "That's a sensible plan. Want a week of shift-friendly keto meals?"),
        (U, "Later, need to sleep. thanks"),
        (A, "Sleep well!"),
    ]),
    (3, "2024-04-08 16:40", [
        (U, "OK meal prep time. Keto, needs to survive a fridge at work, and honestly it needs heat. I put hot sauce on everything, the spicier the better. Grew up on my mom's Andhra cooking."),
        (A, "Then let's lean into it. **Andhra-style chilli chicken fry with cauliflower rice** (4 shift meals):\n\n- 1 kg boneless chicken thighs, cut small\n- marinade: 2 tbsp ginger-garlic paste, 1 tsp turmeric, 2 tsp Kashmiri chilli powder, 1-2 tsp hot chilli powder, salt, juice of 1 lemon\n- 3 tbsp ghee or oil, 1 tsp mustard seeds, 15 curry leaves, 4-6 slit green chillies, 1 onion sliced thin\n- 1 tsp coriander powder, 1 tsp garam masala, 1 tsp black pepper\n- 1 large cauliflower, riced\n\n1. Marinate the chicken 30 minutes (or overnight).\n2. Heat ghee, crackle mustard seeds, add curry leaves and green chillies, then the onion until golden.\n3. Add the chicken on high heat, 10-12 minutes until dry and browned. Add the spice powders and pepper, fry 2 more minutes.\n4. Separately fry the cauliflower rice in ghee with a pinch of turmeric and salt for 5 minutes.\n5. Box it up: keeps 4 days in the fridge, reheats well.\n\nAbout 8 g of net carbs per portion, mostly from the onion and cauliflower."),
        (U, "This is exactly what I wanted, curry leaves and everything"),
        (A, "Your mom would approve, hopefully! Other ideas in the same spirit: egg bhurji with spinach, paneer tikka skewers, and a spicy chicken soup with lots of pepper."),
        (U, "Paneer tikka next week then"),
        (A, "Good choice, paneer is perfect for keto."),
    ]),
    (4, "2024-04-28 20:15", [
        (U, "My younger brother Arjun is getting married in Seattle on October 12 and I'm the best man!! His fiancée is Priya, she's lovely."),
        (A, "Congratulations to Arjun and Priya, and to you for being best man! Do you need help with travel, the speech, or the bachelor party?"),
        (U, "Hotel first. The wedding is at a venue in Fremont. Where should I stay?"),
        (A, "Fremont itself has a few small hotels and lots of short-term rentals, and staying there means you can walk to the venue. Wallingford next door is quiet and residential. South Lake Union or Queen Anne are 10-15 minutes by car and have more hotel choice. October is shoulder season, so book by summer for decent prices."),
        (U, "Wallingford sounds chill. Will look"),
        (A, "Good pick. It's also close to Gas Works Park, which has a great view of the skyline."),
    ]),
    (5, "2024-05-15 21:30", [
        (U, "I bought a guitar! Yamaha FG800 acoustic, $220. Total beginner. What should I learn first?"),
        (A, "Great first guitar. Start with the open chords G, C, D, Em and Am, and a simple down-down-up-up-down-up strum. Ten to fifteen minutes every day beats one long session a week. What music do you like? Songs you love keep you practising."),
        (U, "90s alt rock all the way. Pearl Jam, Counting Crows, Oasis, Live, Gin Blossoms. I listen to that stuff on every drive."),
        (A, "Perfect, a lot of that is beginner-friendly:\n- *Wonderwall* (Oasis): Em7, G, Dsus4, A7sus4, capo 2, four shapes for the whole song\n- *Hey Jealousy* (Gin Blossoms): G, D, C, mostly\n- *Mr. Jones* (Counting Crows): Am, F, Dm, G, C, good motivation to learn F later\n- *Last Kiss* (Pearl Jam's cover): G, Em, C, D\nStart with Wonderwall."),
        (U, "Wonderwall, of course lol"),
        (A, "It's a rite of passage."),
        (U, "My fingertips already hurt"),
        (A, "That's normal, it goes away in 2-3 weeks as calluses form. Short sessions until then."),
    ]),
    (6, "2024-06-02 13:00", [
        (U, "My 2012 Honda Civic's AC died. It's 98 degrees. Shop quoted $1,400 for a new compressor. The car has 148,000 miles. Fix it or start looking?"),
        (A, "A few questions to decide: is the rest of the car healthy (no transmission or rust problems), and could you afford a replacement right now without touching your savings goals? A 2012 Civic can easily run past 200k miles. $1,400 is about what a year of higher payments on a newer car would cost. If the car is otherwise fine, fixing it is usually the cheaper choice, and in a Texas summer the AC isn't optional."),
        (U, "Rest of it is fine as far as I know. Fixing it."),
        (A, "Sensible. Ask if they'll also flush the system and replace the receiver/drier; a new compressor often comes with that anyway for the warranty."),
        (U, "Good tip thanks"),
        (A, "Stay cool!"),
    ]),
    (7, "2024-06-20 18:45", [
        (U, "Ok so I have a second date on Saturday with Elena. We met at the climbing gym. Ideas? I should say I don't drink at all, haven't for like six years, so bars are out, and I'd much rather be outside doing something than sitting across a table."),
        (A, "Fun! Some active, sober-friendly date ideas in and around Austin:\n- paddleboarding or kayaking on Lady Bird Lake in the evening, when it's cooler\n- a sunset hike: Mount Bonnell is short, the Barton Creek Greenbelt is longer with swimming holes\n- Barton Springs Pool and tacos after\n- a bouldering session at a different gym, then coffee or a smoothie\n- a morning at the farmers' market plus a picnic at Zilker\nFor late June, anything with water is your friend."),
        (U, "Paddleboarding is great, she mentioned she's never tried it"),
        (A, "Perfect: new for her, a little silly, and you'll both fall in at least once."),
        (U, "haha hopefully not me"),
        (A, "No promises. Have fun!"),
    ]),
    (8, "2024-07-10 22:10", [
        (U, "I want to buy a house in the next couple of years. Goal is $40k for a down payment. I have $18k saved. I make about $88k."),
        (A, "That's a solid start. To get from $18k to $40k in two years you'd need about $920 a month. Some suggestions:\n- keep the down payment money in a high-yield savings account (around 4-5% APY right now) or short Treasury bills, not stocks, because you'll need it soon\n- automate a transfer on payday so it happens before you can spend it\n- check first-time buyer programs: Texas has TSAHC and TDHCA programs with down payment assistance for some incomes and professions, and some lenders have programs for healthcare workers\n- keep your credit utilisation low in the year before you apply"),
        (U, "$920 is a lot but doable if I stop eating out so much"),
        (A, "Meal prepping for shifts is already helping there. Even $700 a month plus a bonus or tax refund would get you close."),
        (U, "ok setting up the auto transfer now"),
        (A, "That's the step that matters most. Nice work."),
    ]),
    (9, "2024-07-28 11:30", [
        (U, "My parents are coming to Austin for a week in August. They live in Houston. What can we do with them? They're in their late 60s, Dad has a bad hip."),
        (A, "Some gentle options:\n- Lady Bird Johnson Wildflower Center: paved paths, shade, and lovely gardens\n- a sunset boat tour on Lake Travis or the bat cruise under Congress Avenue Bridge (the bats fly at dusk all summer)\n- the Bullock Texas State History Museum\n- a drive out to Fredericksburg for peaches and a slow lunch\nMornings and evenings only; August afternoons are brutal."),
        (U, "The wildflower center would be perfect for my mom. She's obsessed with her backyard in Houston, every evening she's out there with her curry leaf plant and tomatoes and chillies. She always says she has enough stuff inside the house."),
        (A, "Then she'll love it, and the center's shop sells native plants and seeds. Worth going in the early morning when it opens."),
        (U, "And bats for dad, he'll like that"),
        (A, "Great combo. Book the bat cruise for around 8 pm."),
    ]),
    (10, "2024-08-18 09:20", [
        (U, "Keto update: five months in, I'm down from 205 to 188 lbs."),
        (A, "17 pounds, that's a big change! How are you feeling on shifts?"),
        (U, "Honestly good. More stable, no 3am crash. Elena keeps stealing my paneer tikka though."),
        (A, "Stable energy on nights is a great sign. Remember the cholesterol recheck your doctor wanted in the fall."),
        (U, "It's booked for late October."),
        (A, "Great."),
    ]),
    (11, "2024-09-15 20:00", [
        (U, "Best man speech. I have a story about when Arjun and I built a treehouse when he was 9 and he fell out of it and broke his arm and still insisted on finishing the roof. Is that a good story?"),
        (A, "That's a great story: funny, a little risky, and it says something true about him (stubborn, finishes what he starts). Structure:\n1. quick intro: who you are, one line about being his big brother\n2. the treehouse story, told briefly, ending with him finishing the roof in a cast\n3. the turn: that same stubbornness is how he chased Priya / built this life with her\n4. a sincere line to Priya, welcoming her to the family\n5. toast\nKeep it under four minutes."),
        (U, "Love the turn. I'll write it out this week"),
        (A, "Read it to someone who doesn't know Arjun; if they laugh at the treehouse bit, you're set."),
        (U, "Elena will be my test audience"),
        (A, "Perfect."),
    ]),
    (12, "2024-10-16 18:30", [
        (U, "Back from Seattle. The speech KILLED. Arjun cried."),
        (A, "That's wonderful! The treehouse story did its job. How was the rest of the trip?"),
        (U, "We stayed in Wallingford like you said, walked Discovery Park on the day after, it was gorgeous. Elena came with me and met the whole family."),
        (A, "Big trip then! Discovery Park in October is beautiful. How did meeting the family go?"),
        (U, "Mom loved her. Trip came to about $1,150 total for both of us."),
        (A, "Not bad for a wedding trip for two."),
    ]),
    (13, "2024-10-30 17:10", [
        (U, "Cholesterol came back bad. LDL went from 118 to 165 on keto. Doctor wants me off keto and onto a Mediterranean-style diet. A1c is good though, 5.6."),
        (A, "That's a known response to keto in some people, so it's good you checked. The upside is that your A1c improved, and a Mediterranean pattern is good for both blood sugar and LDL. The basics:\n- most fat from olive oil, nuts, seeds and fish rather than butter, ghee and fatty meat\n- lots of vegetables, beans and lentils (fibre lowers LDL)\n- whole grains in modest portions: brown rice, oats, barley, whole wheat\n- fish twice a week, poultry sometimes, red meat rarely\n- fruit instead of sweets\nYou can keep much of the spice; Andhra cooking has plenty of dals and vegetable curries that fit well."),
        (U, "So from now on: Mediterranean, less ghee, more dal. Got it."),
        (A, "Exactly. Recheck lipids in 3 months."),
        (U, "Kind of sad to lose the ghee"),
        (A, "A little ghee for tempering is fine; it's the cups of it that add up."),
    ]),
    (14, "2024-11-12 19:40", [
        (U, "Big decision. I got offered a clinical informatics specialist job, same hospital system. Day hours, 8 to 4:30, two days from home. Pay is $92k vs my $88k now. But I'd leave the ICU."),
        (A, "What's pulling you toward it, and what would you miss?"),
        (U, "Toward: sleep, a normal life, Elena works days. Miss: the team and patients. But I'm tired."),
        (A, "That's a lot in favour of the new job: your health, your relationship, and a small raise. Informatics also tends to open doors (Epic certifications, project lead roles). You can keep a per-diem ICU shift once a month if you miss it, many people do. If you take it, ask whether they pay for the Epic certification."),
        (U, "I'm taking it. Start date is December 2."),
        (A, "Congratulations! A day job will feel strange for the first month."),
    ]),
    (15, "2024-12-10 21:00", [
        (U, "Guitar update: Wonderwall is solid, Hey Jealousy too. But the F barre chord is killing me."),
        (A, "Everyone hits the F wall. Tricks:\n- start with the small F (just top four strings, index finger barring only the first two)\n- roll your index finger slightly onto its bony side, it presses more evenly\n- move your thumb lower behind the neck and pull with your arm, don't squeeze with the hand\n- practise it for 2 minutes at the start of every session, not 30 minutes once\nIt usually clicks in 3-6 weeks."),
        (U, "2 min a day I can do"),
        (A, "And with days now you'll have regular evenings for it."),
        (U, "Yeah the new job is great so far. I sleep at night like a normal person"),
        (A, "That's huge. Glad to hear it."),
    ]),
    (16, "2025-01-06 12:30", [
        (U, "The Civic is done. Transmission is slipping, $3,800 to fix. I'm leasing a Hyundai Ioniq 5, $389 a month for 36 months."),
        (A, "At 150k+ miles a transmission repair that size isn't worth it, so that's reasonable. The Ioniq 5 is a great EV. Do you have somewhere to charge at home?"),
        (U, "Driveway, yes. Should I get a home charger?"),
        (A, "A Level 2 charger (240 V) is worth it: it fills the battery overnight, while a normal outlet adds only about 3-4 miles of range per hour. Hardware costs $400-700, plus installation, which depends on how far the panel is from the driveway. Austin Energy has a rebate for home chargers, and check the federal tax credit for charger installation. Also ask Austin Energy about their EV time-of-use rate; charging overnight is cheaper."),
        (U, "There's a rebate?? nice"),
        (A, "Check the current amount on their site, it changes."),
        (U, "Also my commute is only 15 min now, so the range is way more than I need"),
        (A, "Then you'll probably charge once or twice a week."),
    ]),
    (17, "2025-01-26 15:15", [
        (U, "Elena and I are moving in together! Found a 2-bed in Mueller, $2,100 a month, moving Feb 15."),
        (A, "Exciting! Mueller is a nice area, lots of parks and the lake. Are you splitting rent 50/50?"),
        (U, "Yes 50/50. She's a high school chemistry teacher so her summers are free, we want to travel in July."),
        (A, "Nice perk. For a July trip somewhere cooler than Texas: Colorado, the Pacific Northwest, or Canada are all great for hiking."),
        (U, "Colorado probably"),
        (A, "Then book lodging early; Colorado summer weekends fill up fast."),
        (U, "good call"),
        (A, "Good luck with the move!"),
    ]),
    (18, "2025-02-14 10:00", [
        (U, "Savings check: I'm at $31k for the house. But houses in Austin we like are more like $420k, so I'm raising the goal to $55k."),
        (A, "Good progress: $13k saved in 7 months. For $55k you'd need another $24k. At $1,000 a month that's two years; the higher salary and not paying as much in rent now (half of $2,100) should help. A 5% down payment on $420k is $21k, and 10% is $42k, so $55k also covers closing costs (2-5%)."),
        (U, "Right, forgot about closing costs. ok $55k it is"),
        (A, "Sounds like a solid plan."),
        (U, "Also, happy valentines day to me, I'm making dinner for Elena tonight"),
        (A, "Lovely! Need an idea?"),
        (U, "Nope got it, the shakshuka thing"),
        (A, "Good choice. Enjoy!"),
    ]),
    (19, "2025-03-09 13:20", [
        (U, "Lipids recheck: LDL down to 121. The Mediterranean thing is working. Can you give me a new spicy dinner that fits?"),
        (A, "Great result! **Spicy lentil and spinach dal with brown rice (4 portions)**\n- 250 g red lentils (masoor dal), rinsed\n- 1 onion, 2 tomatoes, 4 garlic cloves, thumb of ginger\n- 1 tsp turmeric, 1 tsp cumin seeds, 1 tsp mustard seeds, 10 curry leaves, 2-4 dried red chillies, 1-2 green chillies\n- 200 g spinach, juice of half a lemon\n- 1 tbsp olive oil plus 1 tsp ghee for the tadka\n\n1. Boil the lentils with 900 ml water and turmeric for 20 minutes until soft.\n2. Fry onion, garlic, ginger and green chillies in olive oil, add the tomatoes, cook down.\n3. Stir into the dal with the spinach; simmer 5 minutes, salt, lemon.\n4. Tadka: heat the ghee, add mustard seeds, cumin, dried chillies and curry leaves until they crackle, pour over.\n5. Serve with brown rice and a cucumber salad.\n\nHigh fibre, little saturated fat, and as hot as you want it."),
        (U, "That's basically mom's dal. Love it"),
        (A, "The best diet is the one you'll actually eat."),
        (U, "true"),
        (A, "Keep it up."),
    ]),
    (20, "2025-04-03 19:00", [
        (U, "I signed up for the Hill Country 50, a 50-mile charity bike ride on May 10. I've only been riding my old hybrid bike. Enough time?"),
        (A, "Five weeks is tight but doable if you already ride a bit. Plan:\n- week 1: three rides, longest 20 miles\n- week 2: longest 28 miles\n- week 3: longest 36 miles with some hills\n- week 4: longest 42 miles\n- week 5: easy, two short rides\nEat every 45 minutes on long rides and get the bike serviced before the event."),
        (U, "the hybrid is fine? everyone else has road bikes"),
        (A, "A hybrid is fine for 50 miles at a charity pace; you'll be a bit slower. Fit slicker tyres and make sure the saddle height is right, that matters more than the bike."),
        (U, "ok cool. Also recommend me an audiobook for rides, I loved Project Hail Mary"),
        (A, "If you liked Project Hail Mary: *The Martian* (same author), *Children of Time* by Adrian Tchaikovsky, *The Murderbot Diaries* by Martha Wells, and *Recursion* by Blake Crouch. Note: headphones on group rides are often discouraged, so save them for solo rides."),
    ]),
    (21, "2025-05-12 20:30", [
        (U, "Finished the Hill Country 50! 4 hours 20 minutes. Raised $640 for the food bank."),
        (A, "Congratulations, that's a great ride on a hybrid, and $640 for the food bank is wonderful!"),
        (U, "Also... I'm going to propose to Elena. Sunrise at Enchanted Rock in June. Ring budget around $4,000."),
        (A, "That's so exciting! Enchanted Rock at sunrise is a beautiful choice. Practical tips: it's about 1.5 hours from Austin, you need a day pass reservation from Texas Parks and Wildlife (they sell out), the summit trail is about 30-40 minutes up, and bring headlamps. Pack the ring somewhere you won't drop it on granite!"),
        (U, "Day pass reservation noted. Don't tell anyone haha"),
        (A, "Your secret is safe."),
    ]),
]

QUERIES["ravi"] = [
    ("single-session-user", None, "how much did my first guitar cost?", ["05-t1"], []),
    ("single-session-user", None, "where did I meet Elena?", ["07-t1"], []),
    ("single-session-user", None, "what does Elena do for work?", ["17-t3"], []),
    ("single-session-user", None, "what's my brother's wife called?", ["04-t1"], []),
    ("single-session-user", None, "how much did I raise on the charity ride?", ["21-t1"], []),
    ("single-session-user", None, "what was my A1c when I first found out I was prediabetic?", ["02-t1"], []),
    ("single-session-assistant", None, "what did you say about drinking coffee late in the night shift?", ["01-t4"], []),
    ("single-session-assistant", None, "what were the tricks you gave me for the hard barre chord?", ["15-t2"], []),
    ("single-session-assistant", None, "which first-time buyer programs in Texas did you mention?", ["08-t2"], []),
    ("single-session-assistant", None, "what kind of charger did you recommend for the EV and why?", ["16-t4"], []),
    ("single-session-assistant", None, "how should I structure the speech, what was your outline?", ["11-t2"], []),
    ("single-session-assistant", None, "what did you say I need to book before hiking to the summit at sunrise?", ["21-t4"], []),
    ("single-session-assistant", None, "what tyres did you say to put on my bike?", ["20-t4"], []),
    ("preference", None, "give me a few fun things to do for our anniversary", ["07-t1"], []),
    ("preference", None, "what should I get my mom for Diwali?", ["09-t3"], []),
    ("preference", None, "recommend some songs I could learn next on guitar", ["05-t3"], []),
    ("preference", None, "what should I cook this weekend?", ["03-t1", "13-t3"], []),
    ("preference", None, "what should we bring to toast at the engagement? we want to celebrate", ["07-t1"], []),
    ("preference", None, "find me something to listen to on my next long drive", ["05-t3", "20-t5"], []),
    ("knowledge-update", None, "what diet am I following?", ["13-t3"], ["02-t3"]),
    ("knowledge-update", None, "what car do I drive?", ["16-t1"], ["06-t1"]),
    ("knowledge-update", None, "how much am I trying to save for the house?", ["18-t1"], ["08-t1"]),
    ("knowledge-update", None, "what are my work hours?", ["14-t5", "14-t1"], ["01-t1"]),
    ("knowledge-update", None, "what's my salary?", ["14-t1", "14-t5"], ["08-t1"]),
    ("knowledge-update", None, "what's my latest LDL number?", ["19-t1"], ["13-t1"]),
    ("knowledge-update", None, "how am I sleeping these days?", ["15-t5"], ["01-t1"]),
    ("temporal", None, "how long did I stay on keto before switching?", ["02-t3", "13-t3"], []),
    ("temporal", None, "how much weight had I lost by the middle of August?", ["10-t1"], []),
    ("temporal", None, "when did I start the informatics job?", ["14-t5"], []),
    ("temporal", None, "how many months after the first date did Elena and I move in together?", ["07-t1", "17-t1"], []),
    ("temporal", None, "what did my LDL go up from and to while I was on keto?", ["13-t1"], []),
    ("temporal", None, "how much had I saved for the house originally, last summer?", ["08-t1"], []),
    ("temporal", None, "what was I doing the month before Arjun's wedding to get ready?", ["11-t1"], []),
    ("temporal", None, "how long between buying the guitar and being comfortable with Wonderwall?", ["05-t1", "15-t1"], []),
    ("multi-session", None, "list all the recipes you've given me", ["03-t2", "19-t2"], []),
    ("multi-session", None, "every blood test result I've told you", ["02-t1", "13-t1", "19-t1"], []),
    ("multi-session", None, "how much have I spent on the cars in total, repairs and lease?", ["06-t1", "06-t3", "16-t1"], []),
    ("multi-session", None, "what have Elena and I done together so far, dates and trips?", ["07-t3", "12-t3", "18-t5"], []),
    ("multi-session", None, "how has my savings balance changed over time?", ["08-t1", "18-t1"], []),
    ("multi-session", None, "which songs have I learned on guitar so far", ["05-t5", "15-t1"], []),
    ("multi-hop", None, "the city my brother got married in — which park did I walk in there?", ["04-t1", "12-t3"], []),
    ("multi-hop", None, "what does my mom grow in the garden, and does the dal you gave me use it?", ["09-t3", "19-t2"], []),
    ("multi-hop", None, "the place I took my parents for mom — does its shop sell anything I could give her?", ["09-t3", "09-t4"], []),
    ("multi-hop", None, "how much do I pay each month for my share of rent plus the car?", ["17-t1", "17-t3", "16-t1"], []),
    ("multi-hop", None, "the person who keeps stealing my paneer tikka — what does she teach?", ["10-t3", "17-t3"], []),
    ("open-domain", None, "how many km is the bike ride I did in May?", ["20-t1"], []),
    ("open-domain", None, "is an A1c of 5.6 still in the prediabetes range?", ["13-t1"], []),
    ("open-domain", None, "what time is sunrise roughly in central Texas in June, for the proposal plan?", ["21-t3"], []),
    ("open-domain", None, "who wrote the audiobook I loved?", ["20-t5"], []),
    ("open-domain", None, "how many hours is the drive from my parents' city to Austin?", ["09-t1"], []),
    ("open-domain", None, "my brother's wedding day — what day of the week was that?", ["04-t1"], []),
    ("knowledge-update", "2024-09-01 10:00", "what car do I have and is its AC working?", ["06-t3"], ["06-t1"]),
    ("single-session-user", "2024-07-01 10:00", "who am I going out with this weekend?", ["07-t1"], []),
    ("preference", "2024-09-20 10:00", "what spicy lunch can I bring to work? stick to my diet", ["03-t1", "02-t3"], []),
    ("temporal", "2024-11-01 10:00", "how much weight did I lose on the diet so far?", ["10-t1"], []),
    ("multi-session", "2024-11-01 10:00", "what bloodwork have I had done this year?", ["02-t1", "13-t1"], []),
    ("knowledge-update", "2024-11-01 10:00", "what's my current diet?", ["13-t3"], ["02-t3"]),
]

SESSIONS["lena"] = [
    (1, "2024-05-06 10:30", [
        (U, "I'm a freelance German-English translator in Berlin. A board game publisher, Kieselstein Spiele, wants me for all their rulebooks this year. I charge €0.12 per word. Should I ask for more since it's a lot of volume?"),
        (A, "Volume usually argues for a small discount, not a raise, so publishers will expect that. But rulebooks are specialised: precise, terminology-heavy, and mistakes cost them (players email them). Options:\n- keep €0.12 for standard text and charge €0.15 for component cards or tight-layout text that needs fitting\n- add a minimum fee per job (e.g. €60) so tiny updates are worth it\n- charge hourly (€45-55) for proofreading the printed proofs\n- ask for a credit in the rulebook, which is good marketing"),
        (U, "The minimum fee is smart, they send lots of tiny errata."),
        (A, "Then that alone could add a few hundred euros over a year. Put it in writing with a payment term of 14 days."),
        (U, "ok drafting the email now"),
        (A, "Want me to look over it?"),
        (U, "no it's fine, thanks"),
        (A, "Good luck!"),
    ]),
    (2, "2024-05-21 19:00", [
        (U, "My cat Mochi (9, a grumpy tabby) has started peeing next to the litter box. What's going on?"),
        (A, "Peeing outside the box is one of the most common reasons cats go to the vet, and it's often medical, so see a vet first: urinary infections, crystals, cystitis (often stress-related) and, in older cats, kidney problems or arthritis (a high-sided box hurts to climb into). Has anything changed at home: a new litter, box moved, new people or stress?"),
        (U, "Tobias and I rearranged the flat and the box went into the bathroom instead of the hallway. And we changed litter brand."),
        (A, "Two changes at once would do it. Move the box back (or add a second box in the old spot) and go back to the old litter; clean the spot with an enzyme cleaner, ordinary cleaners leave a smell that invites a repeat. Still see the vet if it continues more than a few days or if he strains."),
        (U, "Moved it back. He used it within 10 minutes. Drama queen."),
        (A, "Cats have strong opinions about their bathrooms."),
    ]),
    (3, "2024-06-04 21:15", [
        (U, "I'm going to Vienna in July for a friend's wedding. I don't fly anywhere I can reach by train in a day or a night, partly climate, partly because I genuinely love trains. What are my options from Berlin?"),
        (A, "Lots:\n- **ÖBB Nightjet Berlin-Vienna**: leaves Berlin in the evening, arrives around 8-9 am; book a couchette (6 or 4 berth) or a sleeper compartment with your own washbasin\n- **Day train via Prague**: EuroCity Berlin-Prague (about 4.5 h), then Railjet Prague-Vienna (about 4 h); a nice stop in Prague for lunch\n- **ICE via Munich** is longer and usually pricier\nThe Nightjet opens bookings about 6 months ahead and the cheap berths go early, so book now."),
        (U, "Nightjet there, day train via Prague back. Sleeper or couchette?"),
        (A, "If you want to sleep properly and not share with strangers, a single or double sleeper compartment. Couchettes are fine with earplugs and cheaper; women-only couchette compartments exist if you ask."),
        (U, "sleeper, it's a treat"),
        (A, "Enjoy it, breakfast is included."),
    ]),
    (4, "2024-06-26 08:45", [
        (U, "I've had five migraines this month. Usually it's one or two. I'm working a lot on screens."),
        (A, "I'm sorry, that's rough. A jump in frequency is worth bringing to your GP, especially if the pattern or symptoms changed. Common triggers to track in a diary: sleep changes, skipped meals, dehydration, alcohol, hormonal cycle, bright screens and long stretches without breaks. Some people find magnesium (e.g. 400-600 mg magnesium citrate a day) and riboflavin (400 mg) help as prevention, but check with your doctor first. Also: 20-20-20 rule for screens (every 20 minutes, look 20 feet away for 20 seconds)."),
        (U, "I'll start a diary. Rulebook deadlines are the likely culprit"),
        (A, "Probably. If you get more than four a month consistently, ask about a referral to a neurologist for preventive treatment."),
        (U, "ok"),
        (A, "Take care of yourself."),
    ]),
    (5, "2024-07-16 17:30", [
        (U, "Tobias turns 36 on Saturday and he's obsessed with Georgian food since we went to Tbilisi. Can I make khachapuri at home?"),
        (A, "Yes! **Adjaruli khachapuri (the boat-shaped one with the egg), makes 4**\n\nDough: 500 g flour, 7 g dried yeast, 1 tsp sugar, 1 tsp salt, 250 ml warm milk, 50 ml warm water, 2 tbsp oil. Knead 8 minutes, rise 1 hour.\n\nFilling: 250 g sulguni (if you can't find it, half mozzarella, half feta), 250 g imeruli (substitute: more mozzarella plus a little ricotta), 1 egg.\n\n1. Heat the oven as hot as it goes (250 °C+), with a tray inside.\n2. Divide the dough into four, roll each into an oval about 25 cm long.\n3. Put a line of cheese on each long edge and roll the edges inwards, then pinch the ends and twist them to make a boat.\n4. Fill the middle generously with the cheese mixture.\n5. Bake 10-12 minutes until golden.\n6. Make a well in the cheese, crack an egg yolk into each, bake 1-2 more minutes.\n7. At the table, add a knob of butter and stir the yolk and butter into the cheese, tearing off the crust to dip.\n\nIn Berlin, Turkish and Russian shops often carry sulguni."),
        (U, "The Russian shop on Sonnenallee has sulguni! This is going to be great"),
        (A, "He'll be thrilled. A side of pkhali or just a tomato-cucumber salad with walnuts cuts the richness."),
        (U, "Salad with walnuts yes"),
        (A, "Have a great party!"),
    ]),
    (6, "2024-08-10 23:10", [
        (U, "Tobias and I broke up. Four years. It was mutual-ish but I'm a mess."),
        (A, "I'm really sorry, Lena. Four years is a big part of a life, and mutual doesn't make it hurt less. How are you doing tonight?"),
        (U, "Rewatching Dark and eating cereal. He's moving out next week, I keep the flat."),
        (A, "Dark and cereal is a legitimate coping strategy. Over the next few weeks, try to keep a few anchors: sleep at normal-ish times, eat real food at least once a day, get outside, and tell one or two friends so you're not doing it alone."),
        (U, "Carla keeps calling me from Mexico City which helps. She's my best friend, moved there last year."),
        (A, "That's good. Lean on her. And it's ok to have messy days."),
        (U, "thanks. really."),
        (A, "I'm here any time."),
    ]),
    (7, "2024-08-31 14:00", [
        (U, "Practical problem: the Neukölln flat is €980 warm and now I pay all of it alone. My income is about €2,600 net a month, but it varies."),
        (A, "Rent at 38% of a variable net income is stressful. Options:\n- find a flatmate for the second room (check your lease allows subletting; in Germany you usually need the landlord's permission, which they can't refuse without good reason)\n- move to a smaller or cheaper flat in Berlin, which is hard in the current market\n- move to a cheaper city, since you work remotely anyway. Leipzig is the obvious one: 1-bed flats are often €500-700 warm, 1h15 to Berlin by ICE, big creative scene\n- raise your income: your rates"),
        (U, "Leipzig has been in my head for a while actually. I'd miss Berlin friends but it's so close."),
        (A, "Weekend visits are easy at that distance. Maybe spend a weekend there and look at neighbourhoods: Plagwitz and Lindenau (canals, old factories, artists), Connewitz (alternative, green), Gohlis (quieter, old buildings)."),
        (U, "Going next weekend"),
        (A, "Have fun exploring."),
    ]),
    (8, "2024-09-19 20:40", [
        (U, "Stopped bouldering, my shoulder hates it. I started a pottery course instead, Thursdays evenings, wheel throwing. It's so calming."),
        (A, "Pottery is a lovely swap, and it's kind to shoulders. What are you making?"),
        (U, "Wobbly cylinders lol. The goal is mugs for my pour-over. I'm fussy: light roast, filter, black. If anyone puts syrup near my coffee I leave."),
        (A, "Ha. For a pour-over mug, aim for a thinner wall and a slightly wider mouth so you get the aroma; 300-350 ml is a good size. Clay shrinks 10-15% when fired, so throw it bigger than you want."),
        (U, "Oh I didn't know about the shrinking"),
        (A, "It catches everyone out. Measure after bisque and you'll see."),
    ]),
    (9, "2024-10-11 12:00", [
        (U, "Decision made: I'm moving to Leipzig! Flat in Plagwitz, €640 warm, by the canal. Moving November 1."),
        (A, "Congratulations! That's €340 a month less, over €4,000 a year. What's left to organise?"),
        (U, "Getting Mochi there without trauma, and the Anmeldung."),
        (A, "Mochi: a carrier he already knows (leave it open in the flat for a week with a treat inside), a regional train or ICE is fine, cats travel free in a carrier on Deutsche Bahn. Cover the carrier with a light cloth. In the new flat, keep him in one room with litter, food and water for the first few days.\n\nAnmeldung: you have two weeks after moving in to register at a Leipzig Bürgerbüro. You need your ID and the Wohnungsgeberbestätigung (the landlord's confirmation). Book the appointment online now, slots go weeks ahead. Also tell the Finanzamt, since you're freelance; your tax office changes."),
        (U, "Didn't think about the Finanzamt!"),
        (A, "Easy to miss. A short letter with your tax number and new address is enough."),
    ]),
    (10, "2024-11-13 09:30", [
        (U, "Two weeks in Leipzig. I love it. Mochi has claimed the windowsill over the canal. Now I need a good café to work from."),
        (A, "Leipzig has a great café scene. For good filter coffee, look for specialty roasters in Plagwitz and the Südvorstadt (Karl-Liebknecht-Straße), which usually offer V60 or batch brew of light roasts. Ask whether they mind laptops; many do on weekends."),
        (U, "Found one already with a Kenyan filter that was unreal."),
        (A, "Sounds like your place. Anything else?"),
        (U, "My dad visited, helped me carry the wardrobe. He's retired now and just lives at the lake near Potsdam with his binoculars, counting cranes every morning in autumn. He's happier than I've ever seen him."),
        (A, "That sounds lovely, autumn crane migration in Brandenburg is a real spectacle. It's good he came to help."),
        (U, "Yeah. ok back to work"),
        (A, "Have a good day!"),
    ]),
    (11, "2024-11-29 21:00", [
        (U, "I'm visiting Carla in Mexico City in February! Flying, obviously, no train to Mexico. I want to learn some Spanish before. I have about 11 weeks."),
        (A, "Exciting! In 11 weeks, aim for survival Spanish: greetings, ordering food, directions, numbers, and being able to chat a little. Plan:\n- 20 minutes a day of an app (Duolingo or Babbel) for vocabulary\n- a podcast like *Coffee Break Spanish* or *Españolistos* on walks\n- from week 4, one online lesson a week with a tutor from Mexico (iTalki or Preply, €10-20 an hour), which also gets you Mexican expressions rather than Spain's\n- learn food words early, you'll use them the most"),
        (U, "Tutor from Mexico is a good idea"),
        (A, "And ask Carla to send you voice messages in Spanish."),
        (U, "She'll love bossing me around"),
        (A, "Perfect motivation then."),
    ]),
    (12, "2024-12-16 16:00", [
        (U, "Work news: Kieselstein agreed to €0.14 a word from January. And I got a new client, the Museum der bildenden Künste here, exhibition texts."),
        (A, "Great on both counts! A museum is a good name on your client list, and €0.14 is a fair rate for specialised work."),
        (U, "It's exhibition texts so I have to be super concise. Any tips?"),
        (A, "Museum wall texts in English are usually shorter than German ones: aim for 10-20% fewer words. Split long German sentences, prefer active verbs, avoid art-speak where a plain word works, and read them aloud standing up, as a visitor would. Agree on a house style (British or American spelling, dates, how to write artwork titles) at the start."),
        (U, "British spelling, they said. Noted"),
        (A, "Good. Make a small style sheet for them."),
    ]),
    (13, "2025-01-09 18:20", [
        (U, "I adopted a second cat! Tofu, a one-year-old white girl from the shelter. Mochi is NOT impressed. He hisses at the door."),
        (A, "Congratulations! Hissing is normal in the first days. A slow introduction usually works:\n\n1. **Separate rooms (3-7 days):** Tofu gets her own room with food, water, litter and a bed. Mochi keeps the rest of the flat.\n2. **Scent swapping:** rub a cloth on Tofu's cheeks and leave it near Mochi's food, and the other way round. Swap their bedding.\n3. **Feeding at the door:** feed them on either side of the closed door, moving the bowls closer day by day.\n4. **Seeing without touching:** a baby gate or a door open a crack, short sessions during meals or play.\n5. **Supervised time together:** play with both using a wand toy, so they associate each other with good things.\n6. **Full access:** when they can eat near each other calmly.\n\nMake sure there are enough resources: one litter box per cat plus one, separate food and water, high places for escape. Mochi is older, so he should keep his favourite spots, like the windowsill. Go at the slower cat's pace, often 2-4 weeks."),
        (U, "He's 9 so I'm worried he'll just hate her forever"),
        (A, "Older cats often end up tolerating rather than cuddling, and that's a good outcome. Many settle into a calm truce within a couple of months."),
        (U, "A truce is enough"),
        (A, "Keep me posted on how the introduction goes."),
    ]),
    (14, "2025-01-28 11:10", [
        (U, "Saw a neurologist about the migraines. Still 4-6 a month. She prescribed a low-dose beta blocker as prevention, and said keep the magnesium."),
        (A, "Good that you went. Preventive treatment usually takes 6-8 weeks to show full effect, so keep the diary to see the trend. Common side effects of beta blockers at the start are tiredness, cold hands and sometimes vivid dreams; tell your doctor if they don't fade after a few weeks."),
        (U, "Vivid dreams already lol. Also Mochi and Tofu are in the same room now, no fights."),
        (A, "That's fast progress for a grumpy 9-year-old!"),
        (U, "He even let her sit on the windowsill. Once."),
        (A, "A historic moment."),
    ]),
    (15, "2025-02-11 20:00", [
        (U, "I fly to Mexico City on Feb 20, back March 6. Carla lives in Coyoacán. She works weekdays, so I'll be exploring alone a bit. Ideas?"),
        (A, "Two weeks is a great amount of time. Here's a loose plan around Carla's work:\n\n**With Carla (weekends):** Coyoacán market and the plaza, the Frida Kahlo Museum (Casa Azul, book tickets online days ahead, they sell out), Xochimilco trajineras on a Sunday, a lucha libre night at Arena México.\n\n**On your own:**\n- Centro Histórico: Zócalo, the cathedral, Templo Mayor, Palacio de Bellas Artes for the murals\n- Chapultepec: the National Museum of Anthropology (half a day at least)\n- Roma and Condesa: walk the tree-lined streets, cafés (Mexico has great light-roast specialty coffee from Chiapas and Oaxaca), the Mercado Roma\n- a day trip to Teotihuacan, go early before the heat and the crowds\n- Museo Soumaya and the Jumex in Polanco if you want modern art\n\nPractical: the city is at 2,240 m, so take it easy the first two days (and with migraines, drink lots of water). Use Uber or Didi rather than street taxis at night. Tap water isn't drinkable."),
        (U, "Chiapas light roast, you know me too well"),
        (A, "Try a V60 at a café in Roma. And book the Casa Azul now."),
        (U, "booked for the 22nd"),
        (A, "Perfect, have an amazing trip."),
    ]),
    (16, "2025-03-12 19:45", [
        (U, "Back from Mexico. Casa Azul made me cry. Teotihuacan was incredible. My Spanish was terrible but people were kind."),
        (A, "Welcome back! It sounds like an unforgettable trip. How was Carla?"),
        (U, "Amazing, she's engaged now! To a guy named Diego. Whole trip cost me about €2,300 with the flight."),
        (A, "Congratulations to Carla! And that's a reasonable cost for two weeks including a transatlantic flight."),
        (U, "Now I'm watching The Bear every night to cope with being back in grey Leipzig. Best show I've seen in years, forget Dark."),
        (A, "Ha, The Bear is intense in a good way. The episode 'Fishes' in season 2 is one of the best hours of TV in recent years."),
        (U, "I saw it. I was stressed for an hour"),
        (A, "That's the point of it."),
    ]),
    (17, "2025-04-01 21:30", [
        (U, "So... I'm seeing someone. Jonas, from pottery class. He's a sound engineer at the opera. We've been on three dates."),
        (A, "That's lovely! Pottery class is a good place to meet someone. How's it going?"),
        (U, "Good! He suggested a brunch place next time, but honestly I'm not a brunch person, the sweet stuff, pancakes, all that. I'd rather do something with our hands or go for a long walk."),
        (A, "Then suggest an alternative: a walk along the Karl-Heine canal to a café for a filter coffee, a day at the Cospudener See, a flea market at the Westwerk, or a kayak on the canals once it's warmer."),
        (U, "Kayak in May, yes"),
        (A, "Sounds like a plan."),
    ]),
    (18, "2025-04-22 10:00", [
        (U, "Migraine update: down to 2 in March and 1 so far in April! The beta blocker works."),
        (A, "That's a great improvement. Keep the diary going so you and the neurologist can decide how long to continue."),
        (U, "Also took both cats to the vet. Mochi is 5.4 kg, she wants him a bit lighter, and Tofu is 3.9 kg and perfect."),
        (A, "For Mochi, at 9 years old, measure his food and use puzzle feeders. Tofu probably keeps him moving too."),
        (U, "She chases him around at 4am, yes"),
        (A, "Free cardio for Mochi."),
    ]),
    (19, "2025-05-08 19:20", [
        (U, "Jonas and I want to go to Stockholm in July for a week. You know my rule about flying."),
        (A, "Train it is! Leipzig to Stockholm by rail:\n- ICE to Hamburg (about 3 h via Berlin or Hannover)\n- Hamburg to Copenhagen by EuroCity (about 4.5-5 h, now via Puttgarden or Flensburg, depending on construction)\n- Copenhagen to Stockholm by SJ high-speed train (about 5 h)\nYou can do it in one long day, or break it up with a night in Copenhagen. There's also the SJ EuroNight sleeper from Hamburg or Berlin to Stockholm in summer, which is a great option: leave in the evening, wake up in Sweden."),
        (U, "The sleeper from Berlin! We can see my Berlin friends first."),
        (A, "Perfect. Book early, the summer sleeper sells out."),
        (U, "on it"),
        (A, "Have fun planning."),
    ]),
    (20, "2025-05-26 15:40", [
        (U, "Big one: I've been offered an in-house job at Seemann Verlag here in Leipzig, translating their art books. 32 hours a week, €48k a year. Start July 1. I'd stop freelancing except for Kieselstein."),
        (A, "That's an interesting offer. €48k for 32 hours is about €57k full-time-equivalent. Compared to freelancing you'd gain a steady income, paid holidays, health insurance contributions from the employer and a pension. You'd lose some flexibility. Keeping one client on the side needs your employer's approval; ask them to put it in the contract."),
        (U, "Already asked, they're ok with it. I'm taking it!"),
        (A, "Congratulations! That's a big change after years of freelancing."),
        (U, "I'll miss working from cafés in the mornings"),
        (A, "Maybe keep one café morning a week on your own time."),
    ]),
]

QUERIES["lena"] = [
    ("single-session-user", None, "what's my best friend's name, the one abroad?", ["06-t5"], []),
    ("single-session-user", None, "what's the name of the shelter cat I adopted?", ["13-t1"], []),
    ("single-session-user", None, "how long was I with Tobias?", ["06-t1"], []),
    ("single-session-user", None, "what does Jonas do?", ["17-t1"], []),
    ("single-session-user", None, "which museum hired me for exhibition texts?", ["12-t1"], []),
    ("single-session-user", None, "which part of Leipzig is my flat in?", ["09-t1"], []),
    ("single-session-assistant", None, "how did you say to introduce the two cats to each other?", ["13-t2"], []),
    ("single-session-assistant", None, "what did you say about clay shrinking in the kiln?", ["08-t4"], []),
    ("single-session-assistant", None, "what was the cheese substitute in the Georgian bread recipe?", ["05-t2"], []),
    ("single-session-assistant", None, "what paperwork did you say I need to register in the new city?", ["09-t4"], []),
    ("single-session-assistant", None, "how much shorter did you say English wall texts should be?", ["12-t4"], []),
    ("single-session-assistant", None, "what's the altitude thing you warned me about for Mexico?", ["15-t2"], []),
    ("single-session-assistant", None, "what extra charges did you suggest adding for the rulebook client?", ["01-t2"], []),
    ("preference", None, "we want a long weekend in Paris, how should we get there?", ["03-t1"], []),
    ("preference", None, "what should I get my dad for his birthday?", ["10-t5"], []),
    ("preference", None, "what coffee should I order at a new café?", ["08-t3"], []),
    ("preference", None, "Jonas's friends invited us to a Sunday brunch buffet, what could I suggest instead?", ["17-t3"], []),
    ("preference", None, "suggest a Christmas present I could make myself for Carla", ["08-t1", "08-t3"], []),
    ("preference", None, "any hobby ideas for a rainy weekend that don't hurt my shoulder?", ["08-t1"], []),
    ("knowledge-update", None, "which city am I based in now?", ["09-t1"], ["07-t1"]),
    ("knowledge-update", None, "what's my rate per word with the board game company?", ["12-t1"], ["01-t1"]),
    ("knowledge-update", None, "what's my favourite show right now?", ["16-t5"], ["06-t3"]),
    ("knowledge-update", None, "am I still freelancing?", ["20-t1", "20-t3"], ["01-t1"]),
    ("knowledge-update", None, "how many migraines am I getting per month now?", ["18-t1"], ["04-t1", "14-t1"]),
    ("knowledge-update", None, "who's my partner?", ["17-t1"], ["05-t1"]),
    ("knowledge-update", None, "how many cats do I have?", ["13-t1"], ["02-t1"]),
    ("knowledge-update", None, "how much rent do I pay?", ["09-t1"], ["07-t1"]),
    ("temporal", None, "how long after the breakup did I move to Leipzig?", ["06-t1", "09-t1"], []),
    ("temporal", None, "how long did it take Mochi and Tofu to share a room after I adopted her?", ["13-t1", "14-t3"], []),
    ("temporal", None, "how long was my Mexico trip?", ["15-t1"], []),
    ("temporal", None, "what was my per-word rate originally?", ["01-t1"], []),
    ("temporal", None, "in June last year, how many migraines was I getting?", ["04-t1"], []),
    ("temporal", None, "what was I doing on February 22 this year?", ["15-t4", "15-t5"], []),
    ("temporal", None, "when do I start at the publisher?", ["20-t1"], []),
    ("multi-session", None, "all the trips I've told you about, with how I travelled", ["03-t3", "11-t1", "15-t1", "19-t3"], []),
    ("multi-session", None, "list every migraine count I've reported", ["04-t1", "14-t1", "18-t1"], []),
    ("multi-session", None, "which cities have I lived in since we started talking?", ["01-t1", "09-t1"], []),
    ("multi-session", None, "what have you suggested for dates with Jonas and trips with him?", ["17-t4", "19-t2"], []),
    ("multi-session", None, "all my clients and employers so far", ["01-t1", "12-t1", "20-t1"], []),
    ("multi-session", None, "everything about Mochi's health and habits", ["02-t3", "02-t5", "18-t3"], []),
    ("multi-hop", None, "my best friend's fiancé, what city do they live in?", ["16-t3", "06-t5"], []),
    ("multi-hop", None, "the neighbourhood where my best friend lives — which museum there did I visit that made me cry?", ["15-t1", "15-t2", "16-t1"], []),
    ("multi-hop", None, "the class where I met my boyfriend — when does it meet?", ["17-t1", "08-t1"], []),
    ("multi-hop", None, "how old was my older cat when I brought the second one home, and how heavy is he now?", ["13-t3", "18-t3"], []),
    ("multi-hop", None, "my ex's favourite cuisine, which dish did you teach me from it?", ["06-t1", "05-t1", "05-t2"], []),
    ("open-domain", None, "what river or canal is my flat next to and does it connect to a lake?", ["09-t1"], []),
    ("open-domain", None, "what's the time difference between where I live and where Carla lives?", ["09-t1", "06-t5"], []),
    ("open-domain", None, "is the lake my dad lives by in the same state as Berlin?", ["10-t5"], []),
    ("open-domain", None, "how many English words a day do I need to earn €3,000 a month at my new rulebook rate?", ["12-t1"], []),
    ("open-domain", None, "which artist's house did I visit that made me cry, and who was she married to?", ["15-t2", "16-t1"], []),
    ("knowledge-update", "2024-10-01 10:00", "who do I share my flat with at the moment?", ["06-t3"], ["02-t3"]),
    ("single-session-user", "2024-09-01 10:00", "where did Tobias and I travel that got him into Georgian food?", ["05-t1"], []),
    ("preference", "2024-12-20 10:00", "I'm visiting Vienna again in spring — flights or something else?", ["03-t1"], []),
    ("temporal", "2025-02-01 10:00", "how long ago did I adopt the new cat?", ["13-t1"], []),
    ("multi-session", "2024-12-20 10:00", "what have I told you about my move, from the idea to now?", ["07-t3", "09-t1", "10-t1"], []),
]

SESSIONS["tomas"] = [
    (1, "2024-06-03 21:40", [
        (U, "We're finally redoing our kitchen. Flat in Ruzafa, Valencia, kitchen is about 9 m², from the 80s. Budget €15,000 all in. Where should the money go first?"),
        (A, "For a 9 m² kitchen on €15,000, a rough split that tends to work:\n- plumbing and electrics (often hidden, often needed in an 80s flat): 15-20%\n- cabinets and worktop: 35-40%\n- appliances: 20-25%\n- tiling, floor, lighting, painting: 15%\n- contingency: 10%\nSpend on the things you touch every day (drawers with good runners, a durable worktop like compact quartz or laminate with a good edge) and save on things you can change later (handles, lights). Get at least three quotes and make sure each one says what's included: removal of the old kitchen, rubble disposal, and the licence from the ayuntamiento if walls move."),
        (U, "No walls moving, thank god. Electrics are definitely old"),
        (A, "Then budget for a new circuit for the oven and hob at least; an induction hob needs its own 25-32 A line."),
        (U, "ok. thanks"),
        (A, "Good luck with the quotes."),
    ]),
    (2, "2024-06-12 19:15", [
        (U, "Our son Mateo (5) was just diagnosed with celiac disease. We're a bit overwhelmed. Ana and I cook a lot of bread and pasta."),
        (A, "That's a lot to take in, but celiac disease is very manageable once the household has a routine, and kids usually feel much better within weeks. Key points:\n- strictly gluten-free for life: wheat, barley, rye (and oats unless certified GF)\n- cross-contamination matters: a separate toaster, separate butter and jam (crumbs), colanders and wooden spoons washed well or separate\n- read labels: in the EU, gluten must be highlighted in the ingredients; 'may contain' warnings are voluntary\n- in Spain, FACE (the celiac federation) has lists of safe products and restaurants, and an app\n- tell the school; schools in Spain must offer a gluten-free menu with a medical certificate\nRice, potatoes, corn, legumes, meat, fish, eggs, fruit and vegetables are naturally gluten-free, which is good news in Spanish cooking."),
        (U, "Separate toaster, didn't think of that"),
        (A, "It's one of the most common hidden sources. Many families make the whole house gluten-free for simplicity; others keep a marked shelf for gluten."),
        (U, "We'll probably go mostly GF at home. Lucía will complain about the bread"),
        (A, "Good GF bakeries have improved a lot; let her pick the bread."),
    ]),
    (3, "2024-06-26 22:00", [
        (U, "Summer holiday argument. Ana wants a week at the beach. I go crazy lying on a beach for more than an afternoon, give me mountains, walking, a cold lake. Kids are 8 and 5."),
        (A, "A compromise that often works: mountains with water. Options from Valencia:\n- **Benasque (Pyrenees, Aragón)**: big mountains, easy lake walks, river pools, cool in August, about 5 hours' drive\n- **Albarracín and the Montes Universales**: closer (2.5 h), medieval town, pine forests, river swimming\n- **Picos de Europa**: dramatic, but 8 hours away\n- or split: four days mountains, three days at a quiet cove on the Costa Brava\nFor a 5-year-old, look for walks under 8 km with a lake or waterfall at the end."),
        (U, "Benasque. Ana agreed if there's a pool at the apartment lol"),
        (A, "Very fair. Book early, August in Benasque fills up."),
        (U, "booked, 10-17 August"),
        (A, "Great! Ibón de Gorgutes and the Forau de Aiguallut waterfall are both doable with kids."),
    ]),
    (4, "2024-07-09 18:30", [
        (U, "Sunday is my parents' anniversary lunch at our place, 10 people. I want to make a paella that's safe for Mateo."),
        (A, "Paella valenciana is naturally gluten-free, which makes this easy, but check a few things.\n\n**Paella valenciana for 10 (a 55-65 cm pan)**\n- 1 chicken and 1/2 rabbit in pieces (about 1.8 kg)\n- 400 g ferraúra (flat green beans), 250 g garrofó (large white beans)\n- 2 grated tomatoes, 1 tbsp sweet pimentón\n- saffron or colorante (check the label), a sprig of rosemary\n- 900 g bomba or senia rice, about 4 litres water, olive oil, salt\n\n1. Heat a generous layer of oil, brown the meat slowly with salt for 20-25 minutes.\n2. Add the beans and fry a few minutes, then the tomato and the pimentón (quickly, it burns).\n3. Add the water, taste for salt (it should be quite salty), simmer 25-30 minutes.\n4. Scatter the rice in a line across the pan and spread it; don't stir again. High heat 8-10 minutes, then lower for 8-10.\n5. The last two minutes, turn up the heat to make the socarrat. Rest 5 minutes under a cloth.\n\nGluten traps: stock cubes (don't use them, water is traditional anyway), some colorantes, and the bread on the table. Serve Mateo first from a clean spoon, and put GF bread on the table for everyone."),
        (U, "No stock cube, my grandmother would rise from her grave anyway"),
        (A, "Exactly, water and good meat is the Valencian way."),
        (U, "And dessert?"),
        (A, "Arroz con leche or a Basque cheesecake, both are GF without changes."),
        (U, "Cheesecake, Lucía will love it"),
        (A, "Enjoy the lunch!"),
    ]),
    (5, "2024-07-23 06:50", [
        (U, "I signed up for my first gran fondo: the Gran Fondo Serranía, October 20, 130 km with 2,100 m of climbing. I ride three times a week, FTP about 210 W, I weigh 78 kg."),
        (A, "Good choice for a first gran fondo: long but not extreme. 210 W at 78 kg is about 2.7 W/kg, enough to finish comfortably if you pace the climbs. Keep three rides a week:\n- Tuesday: 1 hour with 2 x 15 min at sweet spot (88-93% of FTP, ~185-195 W)\n- Thursday: 1-1.5 h easy or with hill repeats (5 x 4 min on a 5-6% climb)\n- Saturday or Sunday: long ride building from 70 km to 120 km by late September, with as much climbing as you can find (the Calderona is close)\nEvery fourth week easier. Retest FTP in September. In August in Valencia ride at dawn."),
        (U, "Dawn it is. This is what I'm doing now, 6:50 am, coffee before the ride"),
        (A, "Perfect. Eat something too, even a banana."),
        (U, "yes boss"),
        (A, "Have a good ride."),
    ]),
    (6, "2024-08-19 20:20", [
        (U, "Back from Benasque. Best holiday in years. Lucía walked all the way to Ibón de Gorgutes and swam in it. Mateo did the waterfall on my shoulders half the way."),
        (A, "That sounds perfect! Did Ana get her pool?"),
        (U, "She did, and she admitted the mountains were great. Total cost around €1,900 for the week including petrol."),
        (A, "Good value for a family of four for a week. Maybe a new family tradition."),
        (U, "Maybe. Also found a GF bakery in Benasque, Mateo was so happy"),
        (A, "Little things like that make a big difference for him."),
    ]),
    (7, "2024-09-03 21:15", [
        (U, "New school year. I've been made head of the physics department at my institute, on top of my teaching. More meetings, more paperwork, same salary plus a small bonus."),
        (A, "Congratulations! The first year as a head of department is mostly about not drowning. Some ideas:\n- batch the admin: one fixed block twice a week for emails and paperwork, not all day\n- a shared folder and a template for common tasks (exam schedules, lab orders)\n- a 30-minute department meeting every two weeks with a written agenda, not ad hoc chats\n- say no to anything that isn't yours to do\n- protect one evening a week with no school work"),
        (U, "One evening with no school work. Tough but ok. My evening right now is rewatching The Wire, it's my favourite show of all time."),
        (A, "A good choice for an evening with no school work. Season 4 is set in a school, if you want to feel seen."),
        (U, "Ha, season 4 hurts as a teacher"),
        (A, "It's brilliant and painful."),
    ]),
    (8, "2024-09-18 20:00", [
        (U, "Kitchen quotes are in. The one we like is €19,500. The electrics alone are €3,000. We're going to stretch the budget to €22,000 including appliances."),
        (A, "That's a common outcome with 80s flats; the electrics were the likely surprise. Keeping €2,500 for appliances within €22,000 is tight but possible. Ask the installer to separate the electrics line in the quote, in case you can get a partial subsidy for energy-efficiency work."),
        (U, "Induction or gas? Ana's family always cooked on gas, she's nervous."),
        (A, "Induction: faster than gas for boiling, very precise at low heat, easier to clean, no indoor combustion (better air), and safer with kids (the surface cools fast, no flame). Downsides: needs magnetic pans (test with a magnet; your paella pan won't work, but you'd use that outside or on a paella gas ring anyway), and there's a learning curve. Gas also means keeping a butane bottle or piped gas contract. Most people who switch don't go back."),
        (U, "The paella argument is a good one, we use the gas ring on the terrace for paella anyway. Induction it is."),
        (A, "Good. Check your pans with a magnet before you buy new ones."),
    ]),
    (9, "2024-10-02 07:30", [
        (U, "FTP test this morning: 232 W! And I'm at 76 kg."),
        (A, "Big jump from 210 W: that's about 3.05 W/kg now. You're well prepared for the Serranía. For the race: ride the first climb at 75-80% of FTP (about 175-185 W), eat 60-80 g of carbs per hour from the start, and drink 500-750 ml per hour."),
        (U, "What about food that doesn't make the bike sticky"),
        (A, "Rice cakes wrapped in foil (homemade with sushi rice, a pinch of salt and a bit of honey), bananas, bars you've tested, and gels for the final climb."),
        (U, "Rice cakes! Mateo can eat them too. And I read hard sci-fi on the bus to school: The Expanse, Seveneves. If a book has wizards I'm out."),
        (A, "Ha, noted. Rice cakes are the most family-friendly race food there is."),
    ]),
    (10, "2024-10-21 13:00", [
        (U, "Gran Fondo Serranía done yesterday! 5 hours 48 minutes. Cramps at km 100 on the last climb, had to walk 200 m."),
        (A, "Congratulations on finishing your first gran fondo! Cramps late in a long hot ride are usually a mix of fatigue (the muscle has done more than it's trained for) and fluid and sodium loss. Next time: more long rides with climbing in the last hour, and an electrolyte drink rather than only water."),
        (U, "Only had water. Yeah"),
        (A, "That's likely a big part of it. 500-1000 mg sodium per hour on hot days."),
        (U, "Lesson learned. Next year something bigger"),
        (A, "Give yourself a few easy weeks first."),
    ]),
    (11, "2024-11-06 22:30", [
        (U, "Ana's mother Carmen fell and broke her wrist. She's 78 and lives alone in Cuenca. We've decided she'll move in with us in January."),
        (A, "That's a generous decision, and a big change. How's the space at home?"),
        (U, "3 bedrooms, so the kids will share. And our car is a Seat León, five seats. With Carmen, trips with the kids won't fit."),
        (A, "If you'll regularly travel as five plus luggage, a 7-seater or a roomy estate would be more comfortable. Budget 7-seaters in Spain: Dacia Jogger (the cheapest), Citroën Berlingo XL, Kia Sorento (much more expensive). If the trips are mainly in Valencia, a larger 5-seater might do."),
        (U, "We'll look at the Jogger"),
        (A, "It's a practical car. Test the third row for Carmen's getting in and out."),
    ]),
    (12, "2024-11-21 20:45", [
        (U, "Lucía turns 9 in December and she's begging for a pet. Problem: I'm allergic to cats and Ana is allergic to dogs. She swims three times a week at the club now, it's her whole life."),
        (A, "With cat and dog allergies in the house, furry pets are risky (rabbits and guinea pigs can also trigger allergies). Options that usually work: a fish tank (a small tropical tank with a betta or a few guppies is a good start and teaches care routines), a tortoise, or stick insects. For the birthday itself, since she loves swimming, a new swimsuit or goggles in her club colours, or tickets to watch a swimming competition."),
        (U, "She'd love a tank. Betta it is"),
        (A, "Get the tank running for a week before the fish arrives, and a heater (bettas like 25-27 °C)."),
        (U, "ok"),
        (A, "She's going to be thrilled."),
    ]),
    (13, "2024-12-04 19:00", [
        (U, "We bought a Dacia Jogger hybrid, 7 seats, €27,000. Sold the León for €6,500."),
        (A, "Nice, the hybrid Jogger is good around town. Net cost about €20,500. Have you checked whether Carmen is comfortable in the third row?"),
        (U, "She'll sit in the middle row, the kids fight over the back"),
        (A, "Of course they do."),
    ]),
    (14, "2024-12-19 21:30", [
        (U, "Christmas Eve dinner at our place: 9 people including Carmen, who arrives early, and Mateo needs everything gluten-free. Menu ideas?"),
        (A, "A Nochebuena menu that's naturally gluten-free:\n- **Starters:** jamón ibérico, manchego, olives, gambas al ajillo (serve with GF bread), a salad of pomegranate, orange and fennel\n- **Main:** roast lamb shoulder with potatoes, or baked sea bream a la sal (crusted in salt, very easy, very impressive)\n- **Dessert:** turrón: many jijona and alicante turrones are GF, but check labels and avoid ones with wafer; plus a GF flan\n- **Traps:** croquetas (flour and breadcrumbs; make them with rice flour and GF breadcrumbs or skip), polvorones (wheat flour; there are GF ones), gravy thickened with flour (use cornflour)\nServe Mateo first before any serving spoons cross over."),
        (U, "Sea bream in salt crust is perfect, Carmen loves fish"),
        (A, "And it's almost impossible to get wrong. 1 kg of coarse salt per fish, 200 °C, about 25 minutes for a 1 kg fish."),
        (U, "great, merry christmas!"),
        (A, "Feliz Navidad to all of you!"),
    ]),
    (15, "2025-01-15 20:00", [
        (U, "Carmen moved in last week. And the kitchen is finished! Final cost was €23,400, over budget because of a water pipe in the wall."),
        (A, "Hidden pipes are the classic renovation surprise. €1,400 over on €22,000 is under 7%, which is within normal contingency. How do you like it?"),
        (U, "We love it. Ana loves the induction, she admitted it."),
        (A, "Most people do after a week. How's Carmen settling in?"),
        (U, "Good, she's teaching Lucía to cook. And she complains about the induction, says the food doesn't taste the same lol"),
        (A, "Every family needs one person loyal to gas."),
    ]),
    (16, "2025-01-31 22:45", [
        (U, "Started Severance season 2 and it's taken over my life. Best thing on TV right now, more than The Wire for me now honestly."),
        (A, "Strong words! Severance season 2 has been a big event. Any theories?"),
        (U, "No spoilers please, I'm on episode 4"),
        (A, "No spoilers. Enjoy the rest."),
    ]),
    (17, "2025-02-18 18:10", [
        (U, "My 2nd bachillerato students need a small experimental project for the physics class. Cheap, doable in two weeks. Ideas?"),
        (A, "Some classics that work with cheap materials:\n1. **Measuring g with a pendulum:** vary length, measure period with a phone stopwatch or slow-motion video, plot T² vs L; slope gives 4π²/g. Good for error analysis.\n2. **Speed of sound with a resonance tube:** a tube in a bucket of water and a tuning fork, or a phone tone generator app.\n3. **Specific heat capacity of a metal:** heated block, calorimeter (polystyrene cup), thermometer.\n4. **Terminal velocity of coffee filters:** drop 1-5 stacked filters, film against a metre stick, compare v_t with √(mass).\n5. **Phone sensors with phyphox:** the free app measures acceleration, magnetic fields, sound; e.g. centripetal acceleration on a salad spinner.\n6. **Refractive index of water or jelly** with a laser pointer and a protractor.\nAsk for a lab report with a clear hypothesis, uncertainty estimates and a graph. Phyphox is especially good since every student has a phone."),
        (U, "Phyphox and the salad spinner is hilarious, they'll love it"),
        (A, "It works surprisingly well."),
        (U, "Also we have a department budget of €600 this year for lab material"),
        (A, "Then the pendulum and filter projects cost almost nothing; spend on a few decent digital thermometers and a laser set."),
    ]),
    (18, "2025-03-06 07:00", [
        (U, "Next challenge: I'm doing the Quebrantahuesos on June 21. 200 km, 3,500 m of climbing in the Pyrenees. Need a new plan."),
        (A, "That's a big step up. 15 weeks is enough if you're consistent. From now:\n- **4-5 rides a week** (up from 3), one of them on the indoor trainer on weekday evenings\n- Tue: sweet spot 3 x 15 min, building to 3 x 20\n- Wed: easy hour\n- Thu: long climbs or threshold, 4 x 8 min at 95-100% FTP\n- Sat: long ride building from 100 to 180 km, with 2,000+ m climbing by late May\n- Sun: 1.5-2 h easy or off\n- recovery week every fourth week, taper the last 10 days\nTarget 60-90 g carbs per hour on long rides, and practise with electrolytes from day one after the Serranía cramps. Consider a smaller gear (34x32) for the Marie Blanque and the Portalet."),
        (U, "34x32, I'll look. I have a smart trainer now, Christmas present from Ana"),
        (A, "Great, use structured workouts on it."),
        (U, "Done. Thanks"),
        (A, "Good luck with the build."),
    ]),
    (19, "2025-03-26 20:30", [
        (U, "Mateo's follow-up with the gastroenterologist: his antibodies are almost normal after nine months gluten-free, and he's grown 4 cm."),
        (A, "That's fantastic news. It shows the strict diet is working. How is school?"),
        (U, "The school cafeteria finally has a proper GF menu, not just plain rice. He's proud he knows what he can eat."),
        (A, "Lovely. Teaching him to read labels and ask about food himself will help as he gets older."),
        (U, "He already asks waiters 'sin gluten?' before I do"),
        (A, "Great advocate in the making!"),
    ]),
    (20, "2025-04-11 21:00", [
        (U, "Easter: we're taking Carmen back to Cuenca to see her friends for 4 days. The kids have never been. What should we do there?"),
        (A, "Cuenca is great for kids:\n- the Casas Colgadas (hanging houses) and the San Pablo bridge (not for anyone afraid of heights)\n- the Museo de Paleontología de Castilla-La Mancha, with dinosaurs found in the province (the Concavenator!)\n- the Ciudad Encantada, rock formations shaped like animals, a short drive away\n- the Ventano del Diablo viewpoint over the Júcar gorge\n- walks along the Huécar river\nSemana Santa processions in Cuenca are famous (the Turbas on Good Friday morning is loud and intense, might be too much for a 5-year-old)."),
        (U, "Dinosaur museum, Mateo is obsessed with dinosaurs. Perfect"),
        (A, "The Concavenator had a strange hump on its back, he'll love that."),
        (U, "haha he'll tell everyone about it for weeks"),
        (A, "Have a great Easter."),
    ]),
    (21, "2025-04-29 07:15", [
        (U, "Training update: FTP 255 W, weight down to 74 kg. Long ride Saturday was 165 km with 2,800 m."),
        (A, "That's about 3.45 W/kg, a big jump from 2.7 last summer. A 165 km ride with 2,800 m seven weeks out is right on track. How did the electrolytes go?"),
        (U, "No cramps at all."),
        (A, "Great. Keep the long rides with climbing in the last hour and you're ready."),
    ]),
    (22, "2025-05-16 20:10", [
        (U, "Big family news: Ana got a job as an architect at the city council, starts June 2. More stable than her studio. Which means summer is chaos: who takes the kids in July?"),
        (A, "Congratulations to Ana! For July in Valencia: the city council and many sports clubs run summer schools (escuelas de verano) from about €60-120 a week; since Lucía swims, her club probably has a swimming campus; for Mateo check that any camp can handle a gluten-free lunch (ask for it in writing). Carmen might cover some afternoons."),
        (U, "Lucía's club has a campus, she's already in. Mateo will go to the one at his school, they know his diet."),
        (A, "That's the ideal setup."),
        (U, "And I'm off from July 1 anyway, teacher perk"),
        (A, "True! Then July is mostly covered."),
    ]),
    (23, "2025-05-31 19:45", [
        (U, "Saddle sore on long rides, any advice?"),
        (A, "- get a professional bike fit if you haven't, saddle height and tilt are the usual culprits\n- quality bib shorts and chamois cream\n- stand up for 20-30 seconds every 15-20 minutes\n- don't change saddles three weeks before the event\n- if it's a sore that doesn't heal, see a doctor"),
        (U, "Bike fit booked for Tuesday"),
        (A, "Good, that'll make the 200 km much more comfortable."),
    ]),
    (24, "2025-06-11 21:30", [
        (U, "10 days to Quebrantahuesos. We booked an apartment in Jaca for the family, Ana and the kids will be at the finish. What about the last week?"),
        (A, "Taper week:\n- reduce volume 40-50%, keep two short rides with a few 1-2 minute efforts at race pace\n- eat normally; carb-load the last 2 days (8-10 g of carbs per kg)\n- check the bike: new chain if it's worn, tyres, brake pads for the descents\n- pack: two bottles, electrolytes, rice cakes, gels, arm warmers and a rain jacket (the Pyrenees can be cold at the top of the Portalet even in June)\n- plan the pace: first climb, the Somport, easy; the Portalet is long; save something for the Marie Blanque, which is steep\nAnd enjoy it."),
        (U, "Rice cakes are already in the freezer"),
        (A, "You're ready."),
    ]),
]

QUERIES["tomas"] = [
    ("single-session-user", None, "how big is my kitchen?", ["01-t1"], []),
    ("single-session-user", None, "how old is my mother-in-law?", ["11-t1"], []),
    ("single-session-user", None, "how much did we sell the old car for?", ["13-t1"], []),
    ("single-session-user", None, "what's the department's yearly budget for lab stuff?", ["17-t5"], []),
    ("single-session-user", None, "how many times a week does Lucía train?", ["12-t1"], []),
    ("single-session-user", None, "where will Ana work from June?", ["22-t1"], []),
    ("single-session-assistant", None, "how did you say to cook the fish in a salt crust?", ["14-t4"], []),
    ("single-session-assistant", None, "what are the gluten traps you warned me about in the paella?", ["04-t2"], []),
    ("single-session-assistant", None, "which hikes near the Pyrenees town did you suggest for kids?", ["03-t6"], []),
    ("single-session-assistant", None, "what's the smartphone-sensor experiment you suggested for my class?", ["17-t2"], []),
    ("single-session-assistant", None, "why did you say I cramped in the October ride?", ["10-t2", "10-t4"], []),
    ("single-session-assistant", None, "what temperature does the fish tank need?", ["12-t4"], []),
    ("single-session-assistant", None, "what's the dinosaur in the Cuenca museum you told me about?", ["20-t2", "20-t4"], []),
    ("single-session-assistant", None, "what did you say about a separate toaster?", ["02-t2", "02-t4"], []),
    ("preference", None, "plan a holiday for us for next summer", ["03-t1"], []),
    ("preference", None, "recommend a novel for the bus", ["09-t5"], []),
    ("preference", None, "Lucía's birthday again — any present ideas?", ["12-t1"], []),
    ("preference", None, "could we get a kitten for the kids?", ["12-t1"], []),
    ("preference", None, "what should I make for a dinner party at home?", ["02-t1", "14-t3"], []),
    ("preference", None, "a relaxing Sunday idea for the family near Valencia", ["03-t1"], []),
    ("knowledge-update", None, "what's my FTP?", ["21-t1"], ["05-t1", "09-t1"]),
    ("knowledge-update", None, "how much do I weigh now?", ["21-t1"], ["05-t1", "09-t1"]),
    ("knowledge-update", None, "what car do we have?", ["13-t1"], ["11-t3"]),
    ("knowledge-update", None, "how much is the kitchen costing us?", ["15-t1"], ["01-t1", "08-t1"]),
    ("knowledge-update", None, "what's my favourite show?", ["16-t1"], ["07-t3"]),
    ("knowledge-update", None, "how many rides a week am I supposed to do?", ["18-t2"], ["05-t2"]),
    ("knowledge-update", None, "who lives in our flat?", ["15-t1", "11-t3"], ["02-t1"]),
    ("knowledge-update", None, "where does Carmen live?", ["15-t1"], ["11-t1"]),
    ("temporal", None, "how long did the kitchen renovation take from budget to finish?", ["01-t1", "15-t1"], []),
    ("temporal", None, "how many months after the diagnosis was Mateo's follow-up with good antibodies?", ["02-t1", "19-t1"], []),
    ("temporal", None, "what was my FTP originally when I signed up for the first gran fondo?", ["05-t1"], []),
    ("temporal", None, "how many weeks between my first and second big ride?", ["05-t1", "18-t1"], []),
    ("temporal", None, "what did we do in August?", ["03-t5", "06-t1"], []),
    ("temporal", None, "at the start of December, what car did we buy?", ["13-t1"], []),
    ("temporal", None, "what was the last FTP test result before the first race?", ["09-t1"], []),
    ("multi-session", None, "every FTP number I've told you", ["05-t1", "09-t1", "21-t1"], []),
    ("multi-session", None, "all the bike events I've signed up for and how they went", ["05-t1", "10-t1", "18-t1"], []),
    ("multi-session", None, "what have you told me about gluten-free food over time?", ["02-t2", "04-t2", "14-t2"], []),
    ("multi-session", None, "how much have we spent in total on the holiday, the car and the kitchen?", ["06-t3", "13-t1", "15-t1"], []),
    ("multi-session", None, "everything about Mateo's health since the diagnosis", ["02-t1", "19-t1", "19-t3"], []),
    ("multi-session", None, "what shows have I said I'm watching?", ["07-t3", "16-t1"], []),
    ("multi-session", None, "all the places we've travelled as a family", ["06-t1", "20-t1", "24-t1"], []),
    ("multi-hop", None, "my mother-in-law's hometown — what did you suggest for my son there?", ["11-t1", "20-t2"], []),
    ("multi-hop", None, "what can I feed my son on long rides with me, given his condition?", ["02-t1", "09-t4", "09-t5"], []),
    ("multi-hop", None, "the sport my daughter is obsessed with — which summer camp is she going to?", ["12-t1", "22-t3"], []),
    ("multi-hop", None, "which climb in my June event is the steep one, and what gear did you suggest for it?", ["24-t2", "18-t2"], []),
    ("multi-hop", None, "who in the house complains about the new hob?", ["08-t3", "15-t5"], []),
    ("multi-hop", None, "my wife's new employer, and what did she end up thinking of the hob I pushed for?", ["22-t1", "15-t3"], []),
    ("open-domain", None, "how many W/kg do I have now?", ["21-t1"], []),
    ("open-domain", None, "what country is the finish of my June race in?", ["18-t1"], []),
    ("open-domain", None, "is the town we're staying at for the June ride in Aragón or Navarra?", ["24-t1"], []),
    ("open-domain", None, "what's the formula to get g from the pendulum experiment?", ["17-t2"], []),
    ("open-domain", None, "how old will Lucía be when she starts secondary school?", ["12-t1"], []),
    ("single-session-user", "2024-09-01 10:00", "what date is my gran fondo?", ["05-t1"], []),
    ("knowledge-update", "2024-10-10 10:00", "what's my current FTP?", ["09-t1"], ["05-t1"]),
    ("knowledge-update", "2024-11-01 10:00", "what's our kitchen budget right now?", ["08-t1"], ["01-t1"]),
    ("preference", "2024-10-01 10:00", "what should we do for the October long weekend with the kids?", ["03-t1"], []),
    ("temporal", "2024-12-01 10:00", "how long ago did Mateo get diagnosed?", ["02-t1"], []),
    ("multi-session", "2024-12-01 10:00", "what big expenses have I mentioned so far this year?", ["06-t3", "08-t1"], []),
    ("multi-hop", "2025-02-01 10:00", "the person who moved in with us — what fish did you suggest serving her at Christmas?", ["11-t1", "15-t1", "14-t3", "14-t4"], []),
    ("single-session-assistant", "2024-10-15 10:00", "remind me how much to eat and drink per hour in the race", ["09-t2"], []),
    ("temporal", "2025-04-01 10:00", "how much time do I have left to train for the Pyrenees ride?", ["18-t1"], []),
    ("knowledge-update", "2025-03-01 10:00", "what's my favourite show at the moment?", ["16-t1"], ["07-t3"]),
    ("open-domain", "2024-10-10 10:00", "how much higher is my FTP now than when I signed up, in percent?", ["05-t1", "09-t1"], []),
    ("multi-session", "2025-01-20 10:00", "list what the kitchen cost estimates were at each stage", ["01-t1", "08-t1", "15-t1"], []),
]


def ts(s):
    return datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    memories, created, owner, conv = [], {}, {}, {}
    per_user = {}
    for user, sessions in SESSIONS.items():
        last = None
        nturns = 0
        for num, start, turns in sessions:
            sid = f"{user}-{num:02d}"
            t0 = ts(start)
            assert last is None or t0 > last, f"{sid} out of date order"
            assert 4 <= len(turns) <= 12, f"{sid} has {len(turns)} turns"
            for i, (role, text) in enumerate(turns):
                assert role == (U if i % 2 == 0 else A), f"{sid} turn {i + 1} does not alternate"
                assert text.strip(), f"{sid} turn {i + 1} empty"
                tid = f"{sid}-t{i + 1}"
                assert tid not in created, f"duplicate id {tid}"
                at = t0 + timedelta(minutes=2 * i + (len(text) // 400))
                created[tid], owner[tid], conv[tid] = at, user, sid
                memories.append({"id": tid, "project": user, "conversationId": sid, "role": role,
                                 "content": text, "createdAt": iso(at)})
                last = at
            nturns += len(turns)
        per_user[user] = [len(sessions), nturns, 0]

    queries, types = [], Counter()
    qids = set()
    for user, qs in QUERIES.items():
        for n, (qtype, asked, question, gold, superseded) in enumerate(qs, 1):
            assert qtype in TYPES, qtype
            qid = f"{user}-q{n:03d}"
            assert qid not in qids
            qids.add(qid)
            at = ts(asked or DEFAULT_ASKED)
            gids = [f"{user}-{g}" for g in gold]
            assert gids, f"{qid} has no gold"
            assert len(set(gids)) == len(gids), f"{qid} repeats a gold id"
            for g in gids:
                assert g in created, f"{qid}: unknown gold {g}"
                assert owner[g] == user, f"{qid}: gold {g} of another project"
                assert created[g] < at, f"{qid}: gold {g} written after askedAt"
            convs = sorted({conv[g] for g in gids})
            for g in gids:
                assert conv[g] in convs
            if qtype == "knowledge-update":
                assert superseded, f"{qid}: knowledge update without superseded turns"
                newest = min(created[g] for g in gids)
                for s in superseded:
                    sid = f"{user}-{s}"
                    assert sid in created and owner[sid] == user, f"{qid}: unknown superseded {sid}"
                    assert sid not in gids
                    assert created[sid] < newest, f"{qid}: superseded {sid} not older than gold"
            else:
                assert not superseded, f"{qid}: superseded only for knowledge updates"
            queries.append({"id": qid, "project": user, "query": question, "askedAt": iso(at),
                            "goldIds": gids, "goldConversations": convs, "type": qtype})
            types[qtype] += 1
            per_user[user][2] += 1
    assert len({q["query"] for q in queries}) == len(queries), "duplicate question text"

    with open(os.path.join(HERE, "memories.jsonl"), "w") as f:
        for m in memories:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")

    mid = sum(1 for q in queries if q["askedAt"] != iso(ts(DEFAULT_ASKED)))
    print(f"{'user':<8} {'sessions':>8} {'turns':>6} {'questions':>9}")
    for user, (s, t, q) in per_user.items():
        print(f"{user:<8} {s:>8} {t:>6} {q:>9}")
    print(f"{'total':<8} {sum(v[0] for v in per_user.values()):>8} {len(memories):>6} {len(queries):>9}")
    for t in TYPES:
        print(f"  {t:<26} {types[t]}")
    print(f"  asked mid-way: {mid}")


if __name__ == "__main__":
    main()
