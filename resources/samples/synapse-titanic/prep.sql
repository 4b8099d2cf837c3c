-- Titanic: clean the raw passenger list into numeric features for train.py.
--
-- Inputs:  titanic       the Titanic CSV, registered by the engine as a temporary view
--          titanic_file  the same CSV handed over as a file path ({inputs.titanic_file})
-- Output:  prepared      the view created below; the engine writes it as CSV with a header

-- 1. A look at the raw data.
SELECT PassengerId, Survived, Pclass, Name, Sex, Age, SibSp, Parch, Fare, Cabin, Embarked
FROM titanic
ORDER BY PassengerId
LIMIT 10;

-- 2. The file input read as plain text: every line, the header included.
SELECT count(*) AS raw_lines FROM text.`{inputs.titanic_file}`;

-- 3. What is missing.
SELECT count(*)                                          AS passengers,
       sum(CASE WHEN Age IS NULL THEN 1 ELSE 0 END)      AS missing_age,
       sum(CASE WHEN Cabin IS NULL THEN 1 ELSE 0 END)    AS missing_cabin,
       sum(CASE WHEN Embarked IS NULL THEN 1 ELSE 0 END) AS missing_embarked
FROM titanic;

-- 4. Median age by class and sex, used to fill the missing ages.
CREATE OR REPLACE TEMPORARY VIEW age_medians AS
SELECT Pclass, Sex, percentile_approx(Age, 0.5) AS median_age
FROM titanic
WHERE Age IS NOT NULL
GROUP BY Pclass, Sex;

SELECT * FROM age_medians ORDER BY Pclass, Sex;

-- 5. The features: Sex as 0/1 (female = 1), Age filled, Embarked filled with the most common
--    port and one-hot encoded (Southampton is the baseline).
CREATE OR REPLACE TEMPORARY VIEW prepared AS
WITH filled AS (
  SELECT t.Survived,
         t.Pclass,
         CASE WHEN t.Sex = 'female' THEN 1 ELSE 0 END AS Sex,
         CAST(coalesce(t.Age, m.median_age) AS DOUBLE) AS Age,
         t.SibSp,
         t.Parch,
         CAST(coalesce(t.Fare, 0) AS DOUBLE) AS Fare,
         coalesce(t.Embarked,
                  (SELECT Embarked FROM titanic WHERE Embarked IS NOT NULL
                   GROUP BY Embarked ORDER BY count(*) DESC LIMIT 1)) AS Embarked
  FROM titanic t
  LEFT JOIN age_medians m ON t.Pclass = m.Pclass AND t.Sex = m.Sex
)
SELECT Survived, Pclass, Sex, Age, SibSp, Parch, Fare,
       CASE WHEN Embarked = 'C' THEN 1 ELSE 0 END AS Embarked_C,
       CASE WHEN Embarked = 'Q' THEN 1 ELSE 0 END AS Embarked_Q
FROM filled;

SELECT * FROM prepared LIMIT 5;

-- 6. Survival rate by class and sex (Sex: 1 = female).
SELECT Pclass,
       CASE WHEN Sex = 1 THEN 'female' ELSE 'male' END AS sex,
       count(*)                                         AS passengers,
       sum(Survived)                                    AS survived,
       round(avg(Survived), 3)                          AS survival_rate
FROM prepared
GROUP BY Pclass, Sex
ORDER BY Pclass, sex;
