SELECT * FROM titanic
