#!/usr/bin/env python3
"""Builds eval/chat-sessions/{memories,queries}.jsonl: a conversational-memory set in the style of personal-assistant
chat benchmarks. Three users (one project each) talk to an assistant over five months in multi-session chats; facts
change over time (a move, a new job, a new diet), some questions are temporal ("last month", "in March", "first",
"now"), some need a detail the assistant said, some span sessions. One memory per turn; gold is at the turn level
(goldIds: the turns that state the answer) and at the session level. Every gold turn was chosen by reading it.

Run: python3 eval/chat-sessions/build.py  (rewrites the two files next to this script; deterministic)."""

import json
import os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

# project -> [(session id, start, [(role, text)])]; turn id = f"{session}-t{n}" with n from 1.
U, A = "user", "assistant"
SESSIONS = {
    "maya": [
        ("maya-01", "2025-01-08 19:00", [
            (U, "Hi! I just started a new job as a data analyst at a logistics company called Freightline. First week was intense."),
            (A, "Congratulations on the new role at Freightline! What kind of analysis are you doing there?"),
            (U, "Mostly delivery delay reports in SQL and some Tableau dashboards. My manager, Priya, wants me to learn Python too."),
            (A, "Pandas would be a natural next step after SQL. A good start is reading CSV exports into DataFrames and reproducing one of your SQL reports."),
            (U, "Good idea. Also I commute by train now, about 50 minutes each way, so I could study on the train."),
            (A, "Fifty minutes is plenty for short lessons. Offline-friendly material like a downloaded course or a book works best on trains."),
            (U, "Any book you'd recommend?"),
            (A, "'Python for Data Analysis' by Wes McKinney, the author of pandas. Chapters 5 to 7 cover what you need for reports."),
        ]),
        ("maya-02", "2025-01-19 10:30", [
            (U, "I want to start running again. I used to run 5k three times a week in college."),
            (A, "A gentle restart is wise: run-walk intervals for two weeks, then continuous 3k runs before going back to 5k."),
            (U, "My knees complained last time I restarted. Should I get new shoes?"),
            (A, "If your shoes have more than about 600 km on them, yes. A gait analysis at a running store helps pick a stable pair."),
            (U, "Okay I went with the Brooks Ghost 16 after trying a few pairs."),
            (A, "Good choice for easy miles: neutral and well cushioned. Build up slowly, no more than 10% more distance per week."),
        ]),
        ("maya-03", "2025-02-02 20:15", [
            (U, "I adopted a cat! She's a two-year-old tabby from the shelter, I named her Miso."),
            (A, "Miso is a lovely name! Two-year-old cats usually settle in within a couple of weeks. Does she have a quiet room to start in?"),
            (U, "Yes, the spare room. She's hiding under the bed though."),
            (A, "That's normal. Leave food, water and the litter box in that room and let her come out on her own terms."),
            (U, "What food should I give her? The shelter fed her dry food only."),
            (A, "Keep the shelter's dry food for the first week to avoid stomach upset, then you can mix in wet food gradually over 7 to 10 days."),
        ]),
        ("maya-04", "2025-02-20 18:40", [
            (U, "Can you help me plan meals? I'm trying to eat vegetarian during the week."),
            (A, "Sure. Batch cooking on Sunday works well: a lentil curry, a big tray of roasted vegetables and a grain like farro or quinoa."),
            (U, "I don't like quinoa, the texture bothers me."),
            (A, "Then use farro, bulgur or brown rice. Bulgur is the fastest, it only needs soaking in hot water."),
            (U, "Also I'm allergic to cashews, so no cashew cream recipes please."),
            (A, "Noted, no cashews. For creamy sauces you can use blended white beans or Greek yogurt instead."),
        ]),
        ("maya-05", "2025-03-09 09:20", [
            (U, "I ran my first 5k since college this morning! 31 minutes and 40 seconds."),
            (A, "That's a great milestone, congratulations! How did the knees feel?"),
            (U, "Fine actually. I'm thinking about signing up for a 10k. There's the Riverside 10k on May 18."),
            (A, "Ten weeks is enough to go from 5k to 10k if you add one longer run per week and increase it by about 1 km each week."),
            (U, "Okay, I signed up. Long runs on Saturdays then."),
            (A, "Saturday long runs, plus two easy runs midweek. Keep the easy runs truly easy, you should be able to talk."),
        ]),
        ("maya-06", "2025-03-24 21:00", [
            (U, "Miso knocked my coffee mug off the desk again. Is there a way to stop her jumping on the desk?"),
            (A, "Give her a better option: a cat tree or window perch near the desk, and make the desk less appealing with a placemat of double-sided tape for a few weeks."),
            (U, "I bought a cat tree from Feandrea, she loves the top platform."),
            (A, "Great, cats like height. Reward her with a treat when she uses it while you work."),
            (U, "Also the vet said she's a bit overweight, 5.2 kg. Target is 4.5 kg."),
            (A, "Measure her food with a kitchen scale and cut treats to under 10% of daily calories. Slow weight loss is safer for cats, about 1% of body weight per week."),
        ]),
        ("maya-07", "2025-04-06 17:30", [
            (U, "Big news: I'm moving from Leeds to Manchester at the end of April. The Freightline office is moving too."),
            (A, "That's a big change! Are you looking for a flat near the new office?"),
            (U, "Yes, I found one in Ancoats, a 10 minute walk from the office. No more train commute."),
            (A, "Walking to work will free up your evenings. You might miss the study time on the train though."),
            (U, "True, I'll do Python in the mornings instead, before work."),
            (A, "Mornings are a good slot, 30 focused minutes a day goes a long way."),
        ]),
        ("maya-08", "2025-04-27 12:00", [
            (U, "The move is done. Miso handled the car ride better than expected."),
            (A, "Glad to hear it. Give her one room to start in at the new flat too, like when you first brought her home."),
            (U, "My long run today was 9 km, a bit slow but no pain."),
            (A, "Three weeks before the race and already at 9 km, you're in good shape. Start tapering a week before."),
            (U, "I've been eating fish again on weekends, I'm mostly pescatarian now rather than vegetarian on weekdays only."),
            (A, "Pescatarian is easy to plan around. Salmon and mackerel also help with recovery thanks to omega-3s."),
        ]),
        ("maya-09", "2025-05-19 08:50", [
            (U, "Riverside 10k done yesterday! 1 hour 2 minutes."),
            (A, "Congratulations, that's a strong first 10k! How are you feeling today?"),
            (U, "Sore calves, but happy. I might try a half marathon in the autumn."),
            (A, "A half in autumn is realistic. Take an easy week now, then start a 12-week plan in the summer."),
        ]),
        ("maya-10", "2025-06-03 19:10", [
            (U, "Work question: Priya asked me to automate the weekly delay report with Python. Where do I start?"),
            (A, "Read the query results with pandas.read_sql, build the summary with groupby, and write the Excel file with DataFrame.to_excel. Schedule it with cron or Windows Task Scheduler."),
            (U, "We use Windows at work."),
            (A, "Then Task Scheduler: create a basic task that runs python.exe with your script every Monday at 7:00."),
            (U, "It worked! The report ran automatically this Monday."),
            (A, "Nicely done. Add logging to a file so you can see what happened if a run fails."),
        ]),
        ("maya-11", "2025-06-15 16:00", [
            (U, "Miso had her checkup. She's down to 4.7 kg!"),
            (A, "That's great progress toward 4.5 kg. Keep the same portions, she's losing at a healthy pace."),
            (U, "The vet also recommended switching her to a weight-control wet food, Hill's Perfect Weight."),
            (A, "Switch gradually over a week, mixing more of the new food each day."),
        ]),
        ("maya-12", "2025-06-28 11:45", [
            (U, "I got promoted to senior analyst! Priya said the automated reports made the difference."),
            (A, "Congratulations! Automating the weekly delay report clearly paid off."),
            (U, "I'll be leading a small team of two junior analysts starting in July."),
            (A, "Regular one-to-ones and clear written priorities help new leads a lot. Would you like a template for one-to-ones?"),
        ]),
    ],
    "tom": [
        ("tom-01", "2025-01-12 14:00", [
            (U, "I'm renovating the bathroom in our 1930s house. Budget is about 8,000 pounds."),
            (A, "That's a workable budget for a full refit if the layout stays the same. Moving the toilet or shower drain costs much more."),
            (U, "Layout stays. We want a walk-in shower instead of the bath."),
            (A, "Walk-in showers need a good fall to the drain and proper tanking. A wet-room tray makes that easier in an old house."),
            (U, "Our plumber is called Dave Henshaw, he quoted 3,200 for labour."),
            (A, "That's within the usual range for a full bathroom refit's plumbing. Ask whether the quote includes removing the old bath and making good the walls."),
        ]),
        ("tom-02", "2025-01-26 20:30", [
            (U, "Help me pick tiles. We like a green zellige look for the shower wall."),
            (A, "Real zellige is handmade and uneven; porcelain lookalikes are cheaper and easier to clean. For a shower wall either works with a good sealant."),
            (U, "We went with porcelain, Bert & May's sage green, 10x10 cm."),
            (A, "Nice choice. Order about 10% extra for cuts and breakage."),
            (U, "And the floor?"),
            (A, "A matte non-slip porcelain in a warm grey would go with sage green, rated R10 or higher for a bathroom floor."),
        ]),
        ("tom-03", "2025-02-11 18:00", [
            (U, "My daughter Elsie turns 7 on March 15. She wants a science-themed party."),
            (A, "Fun! Baking soda volcanoes, slime making and a simple density rainbow in a glass are big hits at that age."),
            (U, "She's allergic to eggs, so the cake has to be egg-free."),
            (A, "An egg-free chocolate cake with vinegar and baking soda as the raise works well; it's often called a wacky cake."),
            (U, "We're expecting 12 kids."),
            (A, "For 12 kids plan three stations of about 20 minutes each and rotate groups of four."),
        ]),
        ("tom-04", "2025-03-02 09:15", [
            (U, "Bathroom update: the plumber found rotten floor joists under the bath. That's an extra 1,100 pounds."),
            (A, "Annoying but common in 1930s houses. Better to fix it now; your total is still under budget if the rest goes to plan."),
            (U, "The new budget is 9,100 then. We'll skip the heated towel rail to compensate."),
            (A, "Makes sense. You can add a towel rail later without retiling if the pipes are capped behind the wall now."),
        ]),
        ("tom-05", "2025-03-17 19:45", [
            (U, "Elsie's party was a hit! The volcano station was the favourite."),
            (A, "Wonderful! Did the egg-free cake work out?"),
            (U, "Yes, the wacky cake was great, nobody noticed it was egg-free."),
        ]),
        ("tom-06", "2025-04-05 10:00", [
            (U, "We're thinking about getting an electric car. I drive about 40 miles a day for work."),
            (A, "At 40 miles a day almost any EV works. A home charger makes it much cheaper, especially with an overnight tariff."),
            (U, "We're looking at the Kia EV3 and the MG4."),
            (A, "The EV3 has more range and a longer warranty; the MG4 is cheaper and more fun to drive. Both fit your daily miles easily."),
            (U, "Our driveway is narrow, is that a problem for a charger?"),
            (A, "Not usually; a wall-mounted charger with a 5 m cable reaches most driveways. Check the distance to your consumer unit for the install cost."),
        ]),
        ("tom-07", "2025-04-30 21:10", [
            (U, "Bathroom is finished! Final cost was 9,350 in the end."),
            (A, "Congratulations! Only 250 over the revised budget, that's very good for an old house."),
            (U, "The shower has a linear drain, we love it."),
            (A, "Linear drains look great with large floor tiles. Clean the grate every couple of weeks to avoid hair build-up."),
        ]),
        ("tom-08", "2025-05-22 17:20", [
            (U, "We bought the Kia EV3 in the end. Picked it up last Saturday."),
            (A, "Congratulations! Have you set up the home charger yet?"),
            (U, "Yes, an Ohme charger, and we switched to the Octopus Intelligent Go tariff at 7p per kWh overnight."),
            (A, "At 7p per kWh your 40 miles a day will cost roughly 80p. Set the car's charge limit to 80% for daily use."),
            (U, "Elsie wants to name the car Pickle."),
            (A, "Pickle the EV3 it is!"),
        ]),
        ("tom-09", "2025-06-18 13:30", [
            (U, "Next project: the garden. I want a vegetable patch for Elsie."),
            (A, "Raised beds are great with kids: easy to reach and quick to warm up. Start with radishes, peas and strawberries, they're fast and rewarding."),
            (U, "Our garden faces north though."),
            (A, "Then put the beds in the sunniest corner and pick shade-tolerant crops like lettuce, chard and peas."),
        ]),
    ],
    "sam": [
        ("sam-01", "2025-01-15 07:30", [
            (U, "I'm training for my first marathon, the Valencia Marathon on December 7. I run about 30 km a week right now."),
            (A, "Valencia is flat and fast, a great first marathon. With eleven months you can build gradually to 60 to 70 km a week."),
            (U, "I have a desk job as a backend developer, so I can only run early mornings."),
            (A, "Early runs work well. Eat something small like a banana before longer sessions and keep the hard workouts to two a week."),
            (U, "My current 10k best is 52 minutes."),
            (A, "A 52-minute 10k suggests a realistic first marathon around 4 hours to 4 hours 10 minutes, if training goes well."),
        ]),
        ("sam-02", "2025-02-03 21:00", [
            (U, "I'm a vegan, so I'm worried about protein for marathon training."),
            (A, "Tofu, tempeh, seitan, lentils and soy milk make it easy to get 1.4 to 1.6 g of protein per kg. A pea protein shake after long runs helps too."),
            (U, "I weigh 68 kg."),
            (A, "Then aim for roughly 95 to 110 g of protein a day, spread over four meals."),
            (U, "Also I can't stand mushrooms, please leave them out of recipe ideas."),
            (A, "Noted, no mushrooms. A tempeh stir fry with peanut sauce or a red lentil dal are good post-run meals."),
        ]),
        ("sam-03", "2025-02-25 18:20", [
            (U, "My left Achilles has been sore after long runs for a week."),
            (A, "Back off for a few days and do eccentric heel drops, three sets of 15 twice a day. If it hurts when walking, see a physio."),
            (U, "I booked a physio, her name is Dr. Ana Ruiz, appointment on Thursday."),
            (A, "Good call. Ask her about calf strength and whether your shoes have enough heel drop."),
        ]),
        ("sam-04", "2025-03-06 20:10", [
            (U, "The physio said it's mild Achilles tendinopathy. No running for two weeks, cycling is fine."),
            (A, "Two weeks off running is a small price. Keep your fitness with easy cycling and continue the heel drops she gave you."),
            (U, "She also said to switch to shoes with a 10 mm drop instead of my zero-drop Altras."),
            (A, "That reduces the load on the Achilles. Brands like Asics and Saucony have many 10 mm drop trainers."),
        ]),
        ("sam-05", "2025-03-29 08:00", [
            (U, "Back to running! I bought the Saucony Triumph 22, 10 mm drop. The Achilles feels fine."),
            (A, "Great news. Return gradually: half your previous weekly distance this week, then add about 10% a week."),
            (U, "Work is busy though, we're migrating our payments service from Java to Kotlin."),
            (A, "Migrations like that are tiring; protect your sleep, it matters more than any single workout."),
        ]),
        ("sam-06", "2025-05-10 19:40", [
            (U, "I changed jobs! I'm now a staff engineer at a climate startup called Verdant, fully remote."),
            (A, "Congratulations! Fully remote should make training easier too."),
            (U, "Yes, I can run at lunchtime now instead of at 6 am."),
            (A, "Lunchtime runs are great for quality sessions. Keep an easy snack around two hours before."),
            (U, "I'm up to 55 km a week."),
            (A, "Solid progress. Keep one long run a week and build it towards 30 km by October."),
        ]),
        ("sam-07", "2025-06-14 10:15", [
            (U, "I ran the Madrid half marathon last Sunday in 1:52:30."),
            (A, "Excellent! A 1:52 half predicts a marathon around 3:55 to 4:00, so you're on track for Valencia."),
            (U, "My girlfriend Lucia cheered at kilometre 15, that really helped."),
            (A, "Support on the course makes a real difference. Plan where she can stand in Valencia too."),
        ]),
        ("sam-08", "2025-06-29 21:30", [
            (U, "I've started eating eggs and fish again, so I'm not vegan anymore, more pescatarian."),
            (A, "That makes hitting your protein target easier: eggs, sardines and salmon are all great for recovery."),
            (U, "Lucia and I are moving in together in September, to a flat in Madrid near Retiro park."),
            (A, "Retiro is perfect for easy runs, the loop around the park is about 4 km."),
        ]),
    ],
}

# (id, project, question, askedAt, gold turn ids, type)
QUERIES = [
    ("ch-q01", "maya", "Where do I work?", "2025-03-01T10:00:00Z", ["maya-01-t1"], "single-session-user"),
    ("ch-q02", "maya", "What is my manager's name?", "2025-06-20T10:00:00Z", ["maya-01-t3"], "single-session-user"),
    ("ch-q03", "maya", "Which book did you recommend for learning pandas?", "2025-05-01T10:00:00Z", ["maya-01-t8"], "single-session-assistant"),
    ("ch-q04", "maya", "How long is my commute?", "2025-03-01T10:00:00Z", ["maya-01-t5"], "single-session-user"),
    ("ch-q05", "maya", "How do I get to work now?", "2025-06-20T10:00:00Z", ["maya-07-t3"], "knowledge-update"),
    ("ch-q06", "maya", "Which running shoes did I buy?", "2025-06-20T10:00:00Z", ["maya-02-t5"], "single-session-user"),
    ("ch-q07", "maya", "What's the rule for increasing weekly running distance you told me?", "2025-06-20T10:00:00Z", ["maya-02-t6"], "single-session-assistant"),
    ("ch-q08", "maya", "What is my cat's name?", "2025-06-20T10:00:00Z", ["maya-03-t1"], "single-session-user"),
    ("ch-q09", "maya", "How old was Miso when I adopted her?", "2025-06-20T10:00:00Z", ["maya-03-t1"], "single-session-user"),
    ("ch-q10", "maya", "How should I transition Miso from dry food to wet food?", "2025-03-01T10:00:00Z", ["maya-03-t6"], "single-session-assistant"),
    ("ch-q11", "maya", "Which grain don't I like?", "2025-06-20T10:00:00Z", ["maya-04-t3"], "single-session-user"),
    ("ch-q12", "maya", "What am I allergic to?", "2025-06-20T10:00:00Z", ["maya-04-t5"], "single-session-user"),
    ("ch-q13", "maya", "What can I use instead of cashew cream for creamy sauces?", "2025-06-20T10:00:00Z", ["maya-04-t6"], "single-session-assistant"),
    ("ch-q14", "maya", "What was my time for my first 5k since college?", "2025-06-20T10:00:00Z", ["maya-05-t1"], "single-session-user"),
    ("ch-q15", "maya", "When is the Riverside 10k?", "2025-04-01T10:00:00Z", ["maya-05-t3"], "temporal"),
    ("ch-q16", "maya", "Which day of the week do I do my long runs?", "2025-04-01T10:00:00Z", ["maya-05-t5"], "single-session-user"),
    ("ch-q17", "maya", "What brand is Miso's cat tree?", "2025-06-20T10:00:00Z", ["maya-06-t3"], "single-session-user"),
    ("ch-q18", "maya", "What is Miso's target weight?", "2025-06-20T10:00:00Z", ["maya-06-t5"], "single-session-user"),
    ("ch-q19", "maya", "How much does Miso weigh now?", "2025-06-20T10:00:00Z", ["maya-11-t1"], "knowledge-update"),
    ("ch-q20", "maya", "How much did Miso weigh at the vet in March?", "2025-06-20T10:00:00Z", ["maya-06-t5"], "temporal"),
    ("ch-q21", "maya", "Which city do I live in?", "2025-06-20T10:00:00Z", ["maya-07-t1", "maya-08-t1"], "knowledge-update"),
    ("ch-q22", "maya", "Which neighbourhood is my new flat in?", "2025-06-20T10:00:00Z", ["maya-07-t3"], "single-session-user"),
    ("ch-q23", "maya", "When do I study Python now?", "2025-06-20T10:00:00Z", ["maya-07-t5"], "knowledge-update"),
    ("ch-q24", "maya", "What is my diet these days?", "2025-06-20T10:00:00Z", ["maya-08-t5"], "knowledge-update"),
    ("ch-q25", "maya", "How far was my long run three weeks before the race?", "2025-06-20T10:00:00Z", ["maya-08-t3"], "temporal"),
    ("ch-q26", "maya", "What was my finishing time in the 10k?", "2025-06-20T10:00:00Z", ["maya-09-t1"], "single-session-user"),
    ("ch-q27", "maya", "What race am I considering for the autumn?", "2025-06-20T10:00:00Z", ["maya-09-t3"], "single-session-user"),
    ("ch-q28", "maya", "How did I schedule the weekly delay report script?", "2025-06-20T10:00:00Z", ["maya-10-t4"], "single-session-assistant"),
    ("ch-q29", "maya", "Which pandas functions did you suggest for the automated report?", "2025-06-20T10:00:00Z", ["maya-10-t2"], "single-session-assistant"),
    ("ch-q30", "maya", "What food did the vet recommend for Miso?", "2025-06-20T10:00:00Z", ["maya-11-t3"], "knowledge-update"),
    ("ch-q31", "maya", "What is my job title now?", "2025-06-30T10:00:00Z", ["maya-12-t1"], "knowledge-update"),
    ("ch-q32", "maya", "How many people will I manage?", "2025-06-30T10:00:00Z", ["maya-12-t3"], "single-session-user"),
    ("ch-q33", "maya", "How has my running progressed since January?", "2025-06-20T10:00:00Z", ["maya-02-t1", "maya-05-t1", "maya-09-t1"], "multi-session"),
    ("ch-q34", "maya", "How has Miso's weight changed?", "2025-06-20T10:00:00Z", ["maya-06-t5", "maya-11-t1"], "multi-session"),
    ("ch-q35", "maya", "Where did I move from?", "2025-06-20T10:00:00Z", ["maya-07-t1"], "single-session-user"),
    ("ch-q36", "maya", "What did the vet say about Miso last week?", "2025-06-20T10:00:00Z", ["maya-11-t1", "maya-11-t3"], "temporal"),
    ("ch-q37", "maya", "What is the first thing I told you about my job?", "2025-06-20T10:00:00Z", ["maya-01-t1"], "temporal"),
    ("ch-q38", "maya", "Which dashboards tool do I use at work?", "2025-06-20T10:00:00Z", ["maya-01-t3"], "single-session-user"),
    ("ch-q39", "tom", "What is the plumber's name?", "2025-06-20T10:00:00Z", ["tom-01-t5"], "single-session-user"),
    ("ch-q40", "tom", "What was the original budget for the bathroom?", "2025-06-20T10:00:00Z", ["tom-01-t1"], "temporal"),
    ("ch-q41", "tom", "What is the bathroom budget now?", "2025-03-10T10:00:00Z", ["tom-04-t3"], "knowledge-update"),
    ("ch-q42", "tom", "How much did the bathroom cost in the end?", "2025-06-20T10:00:00Z", ["tom-07-t1"], "knowledge-update"),
    ("ch-q43", "tom", "Which tiles did we choose for the shower wall?", "2025-06-20T10:00:00Z", ["tom-02-t3"], "single-session-user"),
    ("ch-q44", "tom", "What did you suggest for the bathroom floor?", "2025-06-20T10:00:00Z", ["tom-02-t6"], "single-session-assistant"),
    ("ch-q45", "tom", "Why did the bathroom go over budget?", "2025-06-20T10:00:00Z", ["tom-04-t1"], "single-session-user"),
    ("ch-q46", "tom", "What did we drop to stay on budget?", "2025-06-20T10:00:00Z", ["tom-04-t3"], "single-session-user"),
    ("ch-q47", "tom", "When is Elsie's birthday?", "2025-06-20T10:00:00Z", ["tom-03-t1"], "single-session-user"),
    ("ch-q48", "tom", "What is my daughter allergic to?", "2025-06-20T10:00:00Z", ["tom-03-t3"], "single-session-user"),
    ("ch-q49", "tom", "What kind of cake did you suggest for the party?", "2025-06-20T10:00:00Z", ["tom-03-t4"], "single-session-assistant"),
    ("ch-q50", "tom", "Which party station did the kids like best?", "2025-06-20T10:00:00Z", ["tom-05-t1"], "single-session-user"),
    ("ch-q51", "tom", "How many kids came to the party?", "2025-06-20T10:00:00Z", ["tom-03-t5"], "single-session-user"),
    ("ch-q52", "tom", "Which electric cars were we comparing?", "2025-06-20T10:00:00Z", ["tom-06-t3"], "single-session-user"),
    ("ch-q53", "tom", "Which car did we buy?", "2025-06-20T10:00:00Z", ["tom-08-t1"], "knowledge-update"),
    ("ch-q54", "tom", "How many miles do I drive a day?", "2025-06-20T10:00:00Z", ["tom-06-t1"], "single-session-user"),
    ("ch-q55", "tom", "What electricity tariff are we on?", "2025-06-20T10:00:00Z", ["tom-08-t3"], "single-session-user"),
    ("ch-q56", "tom", "What did Elsie name the car?", "2025-06-20T10:00:00Z", ["tom-08-t5"], "single-session-user"),
    ("ch-q57", "tom", "What charge limit did you recommend for daily use?", "2025-06-20T10:00:00Z", ["tom-08-t4"], "single-session-assistant"),
    ("ch-q58", "tom", "What kind of drain does the shower have?", "2025-06-20T10:00:00Z", ["tom-07-t3"], "single-session-user"),
    ("ch-q59", "tom", "Which crops did you suggest for a north-facing garden?", "2025-06-20T10:00:00Z", ["tom-09-t4"], "single-session-assistant"),
    ("ch-q60", "tom", "What did we decide about the heated towel rail?", "2025-06-20T10:00:00Z", ["tom-04-t3"], "single-session-user"),
    ("ch-q61", "tom", "How did the bathroom budget change over the renovation?", "2025-06-20T10:00:00Z", ["tom-01-t1", "tom-04-t3", "tom-07-t1"], "multi-session"),
    ("ch-q62", "tom", "What did I tell you last month about the car?", "2025-06-20T10:00:00Z", ["tom-08-t1", "tom-08-t3", "tom-08-t5"], "temporal"),
    ("ch-q63", "sam", "Which marathon am I training for?", "2025-06-30T10:00:00Z", ["sam-01-t1"], "single-session-user"),
    ("ch-q64", "sam", "What was my 10k best when I started training?", "2025-06-30T10:00:00Z", ["sam-01-t5"], "temporal"),
    ("ch-q65", "sam", "What finishing time did you predict for my marathon at the start?", "2025-03-01T10:00:00Z", ["sam-01-t6"], "single-session-assistant"),
    ("ch-q66", "sam", "How much protein should I eat per day?", "2025-06-30T10:00:00Z", ["sam-02-t4"], "single-session-assistant"),
    ("ch-q67", "sam", "Which food do I hate?", "2025-06-30T10:00:00Z", ["sam-02-t5"], "single-session-user"),
    ("ch-q68", "sam", "What is my physio's name?", "2025-06-30T10:00:00Z", ["sam-03-t3"], "single-session-user"),
    ("ch-q69", "sam", "What did the physio diagnose?", "2025-06-30T10:00:00Z", ["sam-04-t1"], "single-session-user"),
    ("ch-q70", "sam", "Which exercise did you suggest for my sore Achilles?", "2025-06-30T10:00:00Z", ["sam-03-t2"], "single-session-assistant"),
    ("ch-q71", "sam", "Which running shoes do I use now?", "2025-06-30T10:00:00Z", ["sam-05-t1"], "knowledge-update"),
    ("ch-q72", "sam", "Which shoes was I running in before the injury?", "2025-06-30T10:00:00Z", ["sam-04-t3"], "temporal"),
    ("ch-q73", "sam", "Where do I work?", "2025-06-30T10:00:00Z", ["sam-06-t1"], "knowledge-update"),
    ("ch-q74", "sam", "What was my job in January?", "2025-06-30T10:00:00Z", ["sam-01-t3"], "temporal"),
    ("ch-q75", "sam", "When do I run these days?", "2025-06-30T10:00:00Z", ["sam-06-t3"], "knowledge-update"),
    ("ch-q76", "sam", "How many kilometres a week am I running now?", "2025-06-30T10:00:00Z", ["sam-06-t5"], "knowledge-update"),
    ("ch-q77", "sam", "What was my half marathon time?", "2025-06-30T10:00:00Z", ["sam-07-t1"], "single-session-user"),
    ("ch-q78", "sam", "What's my girlfriend's name?", "2025-06-30T10:00:00Z", ["sam-07-t3"], "single-session-user"),
    ("ch-q79", "sam", "Am I still vegan?", "2025-07-01T10:00:00Z", ["sam-08-t1"], "knowledge-update"),
    ("ch-q80", "sam", "Where are we moving in September?", "2025-07-01T10:00:00Z", ["sam-08-t3"], "single-session-user"),
    ("ch-q81", "sam", "What was the work migration I mentioned in March?", "2025-07-01T10:00:00Z", ["sam-05-t3"], "temporal"),
    ("ch-q82", "sam", "How has my weekly running distance changed since January?", "2025-07-01T10:00:00Z", ["sam-01-t1", "sam-06-t5"], "multi-session"),
]


def main() -> None:
    memories = []
    info = {}
    for project, sessions in SESSIONS.items():
        for sid, start, turns in sessions:
            t0 = datetime.strptime(start, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
            for n, (role, text) in enumerate(turns, 1):
                tid = f"{sid}-t{n}"
                at = (t0 + timedelta(minutes=2 * n)).strftime("%Y-%m-%dT%H:%M:%SZ")
                info[tid] = (project, sid, at)
                memories.append({"id": tid, "project": project, "conversationId": sid, "role": role,
                                 "content": text, "createdAt": at})
    queries = []
    for qid, project, q, asked, gold, kind in QUERIES:
        for g in gold:
            assert g in info, (qid, g)
            assert info[g][0] == project and info[g][2] < asked, (qid, g)
        queries.append({"id": qid, "project": project, "query": q, "askedAt": asked, "goldIds": gold,
                        "goldConversations": sorted({info[g][1] for g in gold}), "type": kind})
    with open(os.path.join(HERE, "memories.jsonl"), "w") as f:
        for m in memories:
            f.write(json.dumps(m) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for q in queries:
            f.write(json.dumps(q) + "\n")
    print(f"{len(memories)} memories, {len(queries)} queries")


if __name__ == "__main__":
    main()
